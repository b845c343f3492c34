// The station's live room: the player (hls.js where the browser has Media Source Extensions, else native HLS), the
// product on air, a countdown before air and an "ended" state after, following /live/{show}/now.json every second.
(function () {
  'use strict';
  var player = null;
  var now = null;

  function $(id) { return document.getElementById(id); }
  function money(v) { return v === null || v === undefined ? '' : '¥' + Number(v).toFixed(2); }
  function pad(n) { return String(n).padStart(2, '0'); }

  function play() {
    if (player) { return; }
    var video = $('live');
    video.hidden = false;
    if (window.Hls && window.Hls.isSupported()) {
      var hls = new window.Hls({ enableWorker: false, liveSyncDurationCount: 2 });
      hls.on(window.Hls.Events.ERROR, function (event, data) {
        if (data.fatal) { hls.destroy(); player = null; } // the next poll tries again
      });
      hls.loadSource('index.m3u8');
      hls.attachMedia(video);
      video.dataset.player = 'hls.js';
      player = hls;
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = 'index.m3u8';
      video.dataset.player = 'native';
      player = { destroy: function () { video.removeAttribute('src'); video.load(); } };
    } else {
      $('note').textContent = 'This browser plays neither HLS nor Media Source Extensions: open index.m3u8 in VLC.';
      return;
    }
    video.play().catch(function () { /* autoplay refused: the controls are there */ });
  }
  function stop() {
    if (player) { player.destroy(); player = null; }
    $('live').hidden = true;
  }

  function countdown() {
    if (!now || now.phase !== 'UPCOMING') { return; }
    var left = Math.max(0, Math.floor((new Date(now.airTime).getTime() - Date.now()) / 1000));
    var d = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
    $('countdown-clock').textContent = (d ? d + 'd ' : '') + pad(h) + ':' + pad(m) + ':' + pad(s);
  }

  function render(n) {
    now = n;
    document.body.dataset.phase = n.phase;
    $('title').textContent = n.title;
    $('phase').textContent = { UPCOMING: 'Soon', LIVE: 'Live', ENDED: 'Ended', CANCELLED: 'Cancelled' }[n.phase];
    $('countdown').hidden = n.phase !== 'UPCOMING';
    $('ended').hidden = n.phase !== 'ENDED' && n.phase !== 'CANCELLED';
    if (n.phase === 'UPCOMING') {
      $('air-time').textContent = new Date(n.airTime).toLocaleString();
      countdown();
    }
    if (n.phase === 'LIVE' && n.playing) { play(); } else if (n.phase !== 'LIVE') { stop(); }
    var card = $('product');
    if (n.phase === 'LIVE' && n.onAir) {
      card.hidden = false;
      card.dataset.position = n.onAir.position;
      $('product-name').textContent = n.onAir.name || '';
      $('product-price').textContent = money(n.onAir.price);
      var flash = n.onAir.flashSalePrice !== null && n.onAir.flashSalePrice !== undefined;
      $('product-price').className = 'price' + (flash ? ' struck' : '');
      $('product-flash').hidden = !flash;
      $('product-flash-price').textContent = flash ? money(n.onAir.flashSalePrice) : '';
    } else {
      card.hidden = true;
    }
  }

  function poll() {
    fetch('now.json', { cache: 'no-store' }).then(function (r) {
      if (r.status === 404) { $('phase').textContent = 'No such show'; return null; }
      return r.ok ? r.json() : null;
    }).then(function (n) { if (n) { render(n); } }).catch(function () { /* offline: the next poll */ })
      .then(function () { setTimeout(poll, 1000); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('live').hidden = true;
    poll();
    setInterval(countdown, 1000);
  });
}());
