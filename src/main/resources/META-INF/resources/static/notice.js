// The public notice page: filter the ranked rows by what a villager types (name or number).
(function () {
  var box = document.getElementById('notice-q');
  var rows = document.querySelectorAll('#notice-rows tbody tr');
  if (!box || !rows.length) return;
  box.addEventListener('input', function () {
    var q = box.value.trim();
    for (var i = 0; i < rows.length; i++) {
      rows[i].style.display = !q || rows[i].getAttribute('data-k').indexOf(q) >= 0 ? '' : 'none';
    }
  });
})();
