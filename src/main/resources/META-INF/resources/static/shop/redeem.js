// jifen: the clerk's redemption screen. Vanilla JS, no library. Reads a card by USB scanner (a text field that
// receives the scanned text and Enter), live camera (camera.js), a photo decoded by the server, or WeChat's
// own scanQRCode inside WeChat; then shows the household, the goods, a cart, and the receipt.
(function () {
  'use strict';
  var root = document.getElementById('redeem');
  var $ = function (id) { return document.getElementById(id); };
  var state = { qrText: null, household: null, goods: [], cart: {}, key: null, busy: false, camera: null, problem: null };

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var a = new Uint8Array(16); crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function show(el, on) { el.hidden = !on; }
  function message(el, text) { el.textContent = text || ''; show(el, !!text); }

  function api(method, url, body, raw) {
    var opts = { method: method, credentials: 'same-origin', headers: { 'Accept': 'application/json' } };
    if (raw) { opts.body = raw; } else if (body) { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
    return fetch(url, opts).then(function (res) {
      return res.text().then(function (t) {
        var data = null; try { data = t ? JSON.parse(t) : null; } catch (e) { data = null; }
        if (res.status === 401) { location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search); }
        if (!res.ok) { var err = new Error((data && (data.detail || data.title)) || ('HTTP ' + res.status)); err.problem = data; throw err; }
        return { status: res.status, data: data };
      });
    });
  }

  // ---- reading the card -------------------------------------------------------------------------------------
  function scanned(text) {
    text = (text || '').trim();
    if (!text) { return; }
    stopCamera();
    message($('scan-msg'), '');
    api('GET', '/api/cards/scan?qrText=' + encodeURIComponent(text)).then(function (r) {
      state.qrText = text; state.household = r.data; state.cart = {}; state.key = newKey(); state.problem = null;
      $('hh-number').textContent = r.data.number;
      $('hh-name').textContent = r.data.headName;
      $('hh-points').textContent = r.data.availablePoints;
      show($('household'), true); show($('receipt'), false);
      return loadGoods(r.data.villageId);
    }).catch(function (e) { message($('scan-msg'), e.message); })
      .then(function () { $('scanner').value = ''; });
  }

  $('scan-form').addEventListener('submit', function (e) { e.preventDefault(); scanned($('scanner').value); });

  // Live camera (camera.js: the browser's BarcodeDetector, else jsQR on canvas frames).
  if (window.jifenCamera && window.jifenCamera.available) {
    show($('camera-btn'), true);
    $('camera-btn').addEventListener('click', function () {
      if (state.camera) { stopCamera(); return; }
      message($('scan-msg'), '');
      state.camera = window.jifenCamera.open($('video'), scanned, function (e) {
        state.camera = null; message($('scan-msg'), '无法打开摄像头：' + e.message);
      });
    });
  }

  function stopCamera() {
    if (state.camera) { state.camera.stop(); state.camera = null; }
  }

  // A photo taken with the phone camera, decoded on the server.
  $('photo').addEventListener('change', function () {
    var file = this.files && this.files[0];
    if (!file) { return; }
    var form = new FormData(); form.append('image', file);
    message($('scan-msg'), '');
    api('POST', '/api/cards/decode', null, form).then(function (r) { scanned(r.data.qrText); })
      .catch(function (e) { message($('scan-msg'), e.message); });
    this.value = '';
  });

  // Inside WeChat: the JS-SDK's scanQRCode (config signed by the server).
  if (root.dataset.wxApp && window.wx) {
    window.wx.config({ debug: false, appId: root.dataset.wxApp, timestamp: Number(root.dataset.wxTs),
      nonceStr: root.dataset.wxNonce, signature: root.dataset.wxSig, jsApiList: ['scanQRCode'] });
    $('wx-btn').addEventListener('click', function () {
      window.wx.scanQRCode({ needResult: 1, scanType: ['qrCode'], success: function (res) { scanned(res.resultStr); } });
    });
  }

  // ---- goods and cart ---------------------------------------------------------------------------------------
  function loadGoods(villageId) {
    return api('GET', '/api/villages/' + villageId + '/goods').then(function (r) {
      state.goods = r.data; renderGoods(); renderCart();
      show($('goods-box'), true); show($('cart-box'), true);
    });
  }

  function price(id) { var g = find(id); return g ? g.pointsPrice : 0; }
  function find(id) { for (var i = 0; i < state.goods.length; i++) { if (state.goods[i].id === id) { return state.goods[i]; } } return null; }
  function total() { var t = 0; Object.keys(state.cart).forEach(function (id) { t += price(Number(id)) * state.cart[id]; }); return t; }

  function renderGoods() {
    var box = $('goods'); box.textContent = '';
    state.goods.forEach(function (g) {
      var b = document.createElement('button'); b.type = 'button'; b.className = 'goods-item';
      if (g.hasPhoto) { var img = document.createElement('img'); img.src = '/api/goods/' + g.id + '/photo'; img.alt = ''; b.appendChild(img); }
      var name = document.createElement('strong'); name.textContent = g.name; b.appendChild(name);
      var p = document.createElement('span'); p.className = 'price'; p.textContent = g.pointsPrice + ' 积分/' + g.unit; b.appendChild(p);
      var s = document.createElement('span'); s.className = 'muted'; s.textContent = '库存 ' + g.stock; b.appendChild(s);
      b.disabled = g.stock <= 0;
      b.addEventListener('click', function () { add(g.id, 1); });
      box.appendChild(b);
    });
  }

  function add(id, n) {
    var g = find(id); var q = (state.cart[id] || 0) + n;
    if (q <= 0) { delete state.cart[id]; } else if (!g || q <= g.stock) { state.cart[id] = q; }
    state.key = newKey(); state.problem = null;
    renderCart();
  }

  function renderCart() {
    var ul = $('cart'); ul.textContent = '';
    Object.keys(state.cart).forEach(function (id) {
      var g = find(Number(id)); var li = document.createElement('li');
      var label = document.createElement('span'); label.textContent = g.name + ' × ' + state.cart[id] + g.unit; li.appendChild(label);
      var q = document.createElement('span'); q.className = 'qty';
      [['−', -1], ['+', 1]].forEach(function (d) {
        var b = document.createElement('button'); b.type = 'button'; b.className = 'secondary'; b.textContent = d[0];
        b.addEventListener('click', function () { add(Number(id), d[1]); }); q.appendChild(b);
      });
      li.appendChild(q); ul.appendChild(li);
    });
    var t = total();
    $('cart-total').textContent = t;
    var avail = state.household ? state.household.availablePoints : 0;
    $('confirm').disabled = t === 0 || t > avail || state.busy;
    // The server's answer to the last confirm stays in view until the cart changes.
    message($('cart-msg'), state.problem || (t > avail ? '积分不足：需要 ' + t + '，可用 ' + avail : ''));
  }

  $('clear').addEventListener('click', function () { state.cart = {}; state.key = newKey(); state.problem = null; renderCart(); });

  // After a refusal: the household's points and the stock as they are now (another counter may have spent them).
  function refresh() {
    var card = state.qrText;
    api('GET', '/api/cards/scan?qrText=' + encodeURIComponent(card)).then(function (r) {
      if (state.qrText !== card) { return; } // the clerk has moved on to another card
      state.household = r.data; $('hh-points').textContent = r.data.availablePoints;
      return loadGoods(r.data.villageId);
    }).catch(function () { /* the refusal already says what is wrong */ });
  }

  $('confirm').addEventListener('click', function () {
    var items = Object.keys(state.cart).map(function (id) { return { goodsId: Number(id), quantity: state.cart[id] }; });
    if (!items.length || state.busy) { return; }
    state.busy = true; renderCart();
    // The same idempotency key is kept until the cart changes, so a retry after a network error never debits twice.
    api('POST', '/api/redemptions', { qrText: state.qrText, items: items, idempotencyKey: state.key }).then(function (r) {
      var ul = $('receipt-items'); ul.textContent = '';
      items.forEach(function (i) { var g = find(i.goodsId); var li = document.createElement('li');
        li.textContent = g.name + ' × ' + i.quantity + g.unit + '（' + g.pointsPrice * i.quantity + ' 积分）'; ul.appendChild(li); });
      $('receipt-total').textContent = r.data.totalPoints;
      $('receipt-after').textContent = r.data.availableAfter;
      $('receipt-no').textContent = '兑换单号 ' + r.data.id;
      show($('receipt'), true); show($('goods-box'), false); show($('cart-box'), false);
      state.household.availablePoints = r.data.availableAfter; $('hh-points').textContent = r.data.availableAfter;
      state.cart = {}; state.key = newKey();
    }).catch(function (e) { state.problem = e.message; if (state.household) { refresh(); } })
      .then(function () { state.busy = false; renderCart(); });
  });

  $('next').addEventListener('click', function () {
    state.qrText = null; state.household = null; state.cart = {}; state.problem = null;
    ['household', 'goods-box', 'cart-box', 'receipt'].forEach(function (id) { show($(id), false); });
    $('scanner').focus();
  });

  if (root.dataset.card) { scanned(root.dataset.card); }
}());
