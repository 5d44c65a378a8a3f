// jifen: reads a QR code from the live camera. The browser's own BarcodeDetector where there is one; elsewhere
// (iOS Safari, WeChat's own browser) jsQR, served by the app (the npm package's own build, static/vendor/jsqr) and loaded on first use,
// decodes frames drawn on a canvas. A few frames a second, scaled down, so that a cheap phone keeps up.
(function () {
  'use strict';
  var JSQR = '/static/vendor/jsqr/dist/jsQR.js';
  var EVERY_MS = 250;  // pause between two looks at the camera
  var MAX_SIDE = 640;  // frames are scaled down to this for jsQR; a card held up to the phone stays readable

  function nativeDecoder() {
    if (!('BarcodeDetector' in window)) { return null; }
    var detector;
    try { detector = new window.BarcodeDetector({ formats: ['qr_code'] }); } catch (e) { return null; }
    return function (video) {
      return detector.detect(video).then(function (codes) { return codes.length ? codes[0].rawValue : null; });
    };
  }

  var jsQR = null;
  function loadJsQR() {
    if (!jsQR) {
      jsQR = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = JSQR;
        var failed = function () { jsQR = null; reject(new Error('无法加载扫码程序')); };
        s.onload = function () { if (window.jsQR) { resolve(window.jsQR); } else { failed(); } };
        s.onerror = failed;
        document.head.appendChild(s);
      });
    }
    return jsQR;
  }

  function canvasDecoder(decode) {
    var canvas = document.createElement('canvas');
    var ctx = canvas.getContext('2d', { willReadFrequently: true });
    return function (video) {
      var w = video.videoWidth, h = video.videoHeight;
      if (!w || !h) { return Promise.resolve(null); } // no frame yet
      var scale = Math.min(1, MAX_SIDE / Math.max(w, h));
      canvas.width = Math.round(w * scale); canvas.height = Math.round(h * scale);
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      var img = ctx.getImageData(0, 0, canvas.width, canvas.height);
      // Cards are printed dark on light: skipping the inverted pass halves the work.
      var code = decode(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
      return Promise.resolve(code && code.data ? code.data : null);
    };
  }

  // Opens the back camera in `video`; the first QR code read closes it and goes to found(text). Returns at once a
  // handle whose stop() closes the camera; failed(error) hears when the camera or the decoder cannot be had.
  function open(video, found, failed) {
    var on = true, stream = null;
    var camera = {
      stop: function () {
        on = false;
        if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
        video.srcObject = null; video.hidden = true;
      }
    };
    var native = nativeDecoder();
    (native ? Promise.resolve(native) : loadJsQR().then(canvasDecoder)).then(function (decode) {
      if (!on) { return; }
      return navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (s) {
        stream = s;
        if (!on) { camera.stop(); return; }
        video.srcObject = stream; video.hidden = false;
        var played = video.play(); if (played && played.catch) { played.catch(function () { /* frames come anyway */ }); }
        var tick = function () {
          if (!on) { return; }
          decode(video).then(function (text) {
            if (!on) { return; }
            if (text) { camera.stop(); found(text); } else { setTimeout(tick, EVERY_MS); }
          }).catch(function () { setTimeout(tick, 2 * EVERY_MS); });
        };
        tick();
      });
    }).catch(function (e) { if (on) { camera.stop(); failed(e); } });
    return camera;
  }

  window.jifenCamera = {
    // A camera the page may open: getUserMedia needs a secure context (HTTPS or localhost).
    available: !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia),
    open: open
  };
}());
