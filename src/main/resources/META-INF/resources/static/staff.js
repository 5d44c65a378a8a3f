// Staff pages: the few behaviours that used to be inline handlers (the Content-Security-Policy allows no inline script).
//   <select data-go>        opens the address chosen (the header's village switcher)
//   <button data-print>     prints the page
//   <form data-confirm="…"> asks before it is sent
//   <a data-back>           goes back one page (its href is the way when there is no page to go back to)
(function () {
  document.addEventListener('change', function (e) {
    var s = e.target;
    if (s.matches && s.matches('select[data-go]') && s.value) location.href = s.value;
  });
  document.addEventListener('click', function (e) {
    var t = e.target.closest ? e.target.closest('[data-print],a[data-back]') : null;
    if (!t) return;
    if (t.hasAttribute('data-print')) { e.preventDefault(); window.print(); }
    else if (history.length > 1) { e.preventDefault(); history.back(); }
  });
  document.addEventListener('submit', function (e) {
    var f = e.target, q = f.getAttribute && f.getAttribute('data-confirm');
    if (q && !window.confirm(q)) e.preventDefault();
  });
})();
