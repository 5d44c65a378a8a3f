// The town dashboard's charts (templates/DashboardPages/dashboard.html), drawn with ECharts served by the app
// (/webjars/echarts/5.3.1/). The figures come from the page itself: the JSON of <div data-dashboard>; the same figures
// are in the tables beneath, so the page reads without script too.
(function () {
  function start() {
    var box = document.querySelector('[data-dashboard]');
    if (!box || !window.echarts) return;
    var d = JSON.parse(box.getAttribute('data-dashboard'));
    var red = '#b3261e', grey = '#8c959f', gold = ['#f2c94c', '#e0a030', '#b3261e'];
    var text = {fontSize: 12};
    var charts = [];
    function draw(name, option, height) {
      var el = box.querySelector('[data-chart="' + name + '"]');
      if (!el) return;
      if (height) el.style.height = height + 'px';
      var chart = echarts.init(el, null, {renderer: 'canvas'});
      option.animation = false;
      chart.setOption(option);
      charts.push(chart);
    }
    var many = d.villages.length;
    draw('participation', {
      grid: {left: 8, right: 40, top: 8, bottom: 8, containLabel: true},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, valueFormatter: function (v) { return v + '%'; }},
      xAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value}%', fontSize: 11}},
      yAxis: {type: 'category', inverse: true, data: d.villages, axisLabel: {fontSize: 12, width: 84, overflow: 'truncate'}},
      series: [{type: 'bar', data: d.participation, itemStyle: {color: red}, barMaxWidth: 18,
        label: {show: true, position: 'right', formatter: '{c}%', fontSize: 11}}]
    }, Math.max(160, 28 * many + 40));
    draw('months', {
      grid: {left: 8, right: 8, top: 36, bottom: 8, containLabel: true},
      legend: {top: 0, textStyle: text},
      tooltip: {trigger: 'axis'},
      xAxis: {type: 'category', data: d.months, axisLabel: {fontSize: 11}},
      yAxis: {type: 'value', axisLabel: {fontSize: 11}},
      series: [{name: '发放积分', type: 'bar', data: d.issued, itemStyle: {color: red}, barMaxWidth: 16},
               {name: '兑换积分', type: 'line', data: d.redeemed, itemStyle: {color: grey}, lineStyle: {width: 2}, symbolSize: 5}]
    });
    draw('stars', {
      grid: {left: 8, right: 16, top: 36, bottom: 8, containLabel: true},
      legend: {top: 0, textStyle: text},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      xAxis: {type: 'value', minInterval: 1, axisLabel: {fontSize: 11}},
      yAxis: {type: 'category', inverse: true, data: d.villages, axisLabel: {fontSize: 12, width: 84, overflow: 'truncate'}},
      series: [{name: '三星', type: 'bar', stack: 's', data: d.three, itemStyle: {color: gold[0]}, barMaxWidth: 18},
               {name: '四星', type: 'bar', stack: 's', data: d.four, itemStyle: {color: gold[1]}, barMaxWidth: 18},
               {name: '五星', type: 'bar', stack: 's', data: d.five, itemStyle: {color: gold[2]}, barMaxWidth: 18}]
    }, Math.max(180, 28 * many + 60));
    var pending;
    window.addEventListener('resize', function () {
      clearTimeout(pending);
      pending = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 100);
    });
    window.addEventListener('beforeprint', function () { charts.forEach(function (c) { c.resize(); }); });
    box.setAttribute('data-drawn', String(charts.length));
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
