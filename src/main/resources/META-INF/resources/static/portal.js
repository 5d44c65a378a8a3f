// Villager portal: 长辈版 switch (remembered in localStorage and a cookie the server reads) and reading the balance aloud.
(function () {
  var b = document.body, k = 'jifen_elder', t = document.getElementById('elder');
  function set(on) {
    b.classList.toggle('elder', on);
    try { localStorage.setItem(k, on ? '1' : '0'); } catch (e) {}
    document.cookie = k + '=' + (on ? '1' : '0') + ';path=/;max-age=31536000;samesite=lax';
    if (t) t.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  try { var s = localStorage.getItem(k); if (s !== null && (s === '1') !== b.classList.contains('elder')) set(s === '1'); } catch (e) {}
  if (t) t.addEventListener('click', function (e) { e.preventDefault(); set(!b.classList.contains('elder')); });
  var sp = document.getElementById('speak');
  if (sp) {
    if (!('speechSynthesis' in window)) { sp.hidden = true; return; }
    sp.addEventListener('click', function () {
      var u = new SpeechSynthesisUtterance(sp.getAttribute('data-text'));
      u.lang = 'zh-CN'; u.rate = 0.85;
      speechSynthesis.cancel(); speechSynthesis.speak(u);
    });
  }
})();
