// The station's live page: browsers with native HLS play index.m3u8; the others are told what to use.
document.addEventListener('DOMContentLoaded', function () {
  var video = document.getElementById('live');
  if (video && !video.canPlayType('application/vnd.apple.mpegurl')) {
    document.getElementById('note').textContent =
      'This browser does not play HLS by itself: open index.m3u8 in VLC or ffplay, or use an HLS.js player.';
  }
});
