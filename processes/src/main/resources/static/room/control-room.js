// The control room: reads the show through the REST API, follows it through /api/shows/{id}/live/events.
(function () {
  'use strict';
  var body = document.body;
  var showId = body.dataset.show;
  var base = '/api/shows/' + encodeURIComponent(showId);
  var show = null;          // GET /api/shows/{id}
  var report = null;        // GET /api/shows/{id}/report
  var live = false;
  var player = null;
  var hasHls = false;       // the show writes the station's HLS (a destination of protocol HLS): the preview plays it

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function money(v) { return v === null || v === undefined ? '' : '¥' + Number(v).toFixed(2); }
  function clock(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), r = s % 60;
    return (h ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(r).padStart(2, '0');
  }
  function say(text, bad) {
    var m = $('message');
    m.textContent = text;
    m.className = 'message' + (bad ? ' bad' : '');
  }

  function api(method, path, json) {
    var headers = { 'Accept': 'application/json' };
    if (method !== 'GET' && body.dataset.csrfHeader) { headers[body.dataset.csrfHeader] = body.dataset.csrfToken; }
    if (json !== undefined) { headers['Content-Type'] = 'application/json'; }
    return fetch(base + path, {
      method: method, headers: headers, credentials: 'same-origin',
      body: json === undefined ? undefined : JSON.stringify(json)
    }).then(function (r) {
      return r.text().then(function (t) {
        var data = t ? JSON.parse(t) : null;
        if (!r.ok) { throw new Error((data && data.message) || (method + ' ' + path + ' answered ' + r.status)); }
        return data;
      });
    });
  }
  function act(method, path, json, done) {
    return api(method, path, json).then(function (answer) {
      if (done) { say(done(answer)); }
      return loadShow();
    }).catch(function (e) { say(e.message, true); });
  }

  // --- the rundown ---------------------------------------------------------------------------------------------
  function onAirSlot() {
    if (!show) { return null; }
    return show.slots.filter(function (s) { return s.onAirMillis !== null && s.onAirMillis !== undefined; })
      .sort(function (a, b) { return b.onAirMillis - a.onAirMillis; })[0] || null;
  }
  function nextSlot() {
    return show ? show.slots.filter(function (s) { return s.onAirMillis === null || s.onAirMillis === undefined; })[0] : null;
  }
  function reportLine(position) {
    return report ? report.products.filter(function (l) { return l.position === position; })[0] : null;
  }
  function renderRundown() {
    var tbody = $('slots').tBodies[0];
    tbody.textContent = '';
    var current = onAirSlot();
    show.slots.forEach(function (s) {
      var tr = el('tr', s === current ? 'current' : (s.onAirAt ? 'done' : ''));
      tr.dataset.position = s.position;
      var line = reportLine(s.position);
      [s.position, s.productName || ('#' + s.productId), money(s.price),
        s.flashSalePrice ? money(s.flashSalePrice) + (s.flashSaleStock ? ' × ' + s.flashSaleStock : '') : '',
        clock(s.plannedSeconds * 1000), s.onAirAt ? new Date(s.onAirAt).toLocaleTimeString() : '',
        line ? line.orders : '', line ? money(line.revenue) : ''].forEach(function (v) { tr.appendChild(el('td', null, v)); });
      var button = el('button', 'on-air-button', s === current ? 'On air' : 'Put on air');
      button.disabled = !live || s === current;
      button.addEventListener('click', function () {
        act('POST', '/slots/' + s.position + '/on-air', undefined, function (a) { return 'Slot ' + a.position + ' is on air'; });
      });
      var td = el('td');
      td.appendChild(button);
      tr.appendChild(td);
      tbody.appendChild(tr);
    });
    var next = nextSlot();
    $('next-up').textContent = next ? 'Next: ' + (next.productName || '#' + next.productId) + ' at ' + money(next.price)
      + (next.flashSalePrice ? ', flash sale ' + money(next.flashSalePrice) : '') : 'Every product has been on air.';
    $('next').disabled = !live || !next;
    $('end').disabled = !live;
    tickRundown();
  }
  function tickRundown() {
    var current = onAirSlot();
    var box = $('on-air');
    if (!current) { box.textContent = 'Nothing on air yet.'; return; }
    var elapsed = Date.now() - new Date(current.onAirAt).getTime();
    var planned = current.plannedSeconds * 1000;
    box.textContent = '';
    box.appendChild(el('strong', 'product', current.productName || '#' + current.productId));
    box.appendChild(el('span', 'price', money(current.price)));
    if (current.flashSalePrice) {
      box.appendChild(el('span', 'flash', 'flash sale ' + money(current.flashSalePrice)
        + (current.flashSaleStock ? ' (stock ' + current.flashSaleStock + ')' : '')));
    }
    box.appendChild(el('span', 'elapsed' + (elapsed > planned ? ' over' : ''), clock(elapsed) + ' / ' + clock(planned)));
  }
  function renderReservations() {
    var list = $('reservations');
    var rows = report && report.reservations ? report.reservations.filter(function (r) { return r.count !== null; }) : [];
    if (!rows.length) { return; }
    list.textContent = '';
    rows.forEach(function (r) { list.appendChild(el('li', null, (r.platform || r.destinationId) + ': ' + r.count)); });
  }

  function loadShow() {
    return api('GET', '').then(function (s) {
      show = s;
      $('state').textContent = s.state;
      $('state').className = 'state state-' + s.state;
      renderRundown();
    }).catch(function (e) { say(e.message, true); });
  }
  function loadReport() {
    api('GET', '/report').then(function (r) { report = r; renderRundown(); renderReservations(); }).catch(function () { });
  }

  // --- destinations ----------------------------------------------------------------------------------------------
  var FAILING = ['RECONNECTING', 'CIRCUIT_OPEN', 'FAILED'];
  function planned(id) {
    return show ? show.destinations.filter(function (d) { return d.destinationId === id; })[0] : null;
  }
  // tiles are kept per destination and updated in place, so a button is never swapped under the producer's click
  function tile(d) {
    var t = document.querySelector('.tile[data-destination="' + CSS.escape(d.id) + '"]');
    if (t) { return t; }
    t = el('div', 'tile');
    t.dataset.destination = d.id;
    t.appendChild(el('h3', null, d.id));
    t.appendChild(el('p', 'meta', (d.platform || '') + ' · ' + (d.preset || '') + ' · ' + (d.orientation || '')));
    t.appendChild(el('p', 'tile-state'));
    var dl = el('dl');
    ['bitrate', 'fps', 'queue', 'drops', 'reconnects', 'sent'].forEach(function (name) {
      var item = el('div', 'stat');
      item.appendChild(el('dt', null, name));
      item.appendChild(el('dd', 'stat-' + name));
      dl.appendChild(item);
    });
    t.appendChild(dl);
    t.appendChild(el('p', 'target'));
    t.appendChild(el('p', 'error'));
    var actions = el('div', 'actions');
    var retry = el('button', 'retry', 'Retry');
    retry.addEventListener('click', function () { retryDestination(t.dataset.destination, t.dataset.preset); });
    var remove = el('button', 'remove', 'Remove');
    remove.addEventListener('click', function () {
      var id = t.dataset.destination;
      if (window.confirm('Take ' + id + ' off the show?')) {
        act('DELETE', '/live/destinations/' + encodeURIComponent(id), undefined, function () { return id + ' removed'; });
      }
    });
    actions.appendChild(retry);
    actions.appendChild(remove);
    t.appendChild(actions);
    $('tiles').appendChild(t);
    return t;
  }
  function renderTiles(stats) {
    var seen = {};
    var hint = $('tiles').querySelector('.hint');
    if (hint) { hint.remove(); }
    stats.destinations.forEach(function (d) {
      seen[d.id] = true;
      var failing = FAILING.indexOf(d.state) >= 0;
      var t = tile(d);
      t.className = 'tile ' + (failing ? 'failing' : d.state === 'LIVE' ? 'live' : 'waiting');
      t.dataset.state = d.state;
      t.dataset.preset = d.preset;
      t.querySelector('.tile-state').textContent = d.state;
      var values = { bitrate: Math.round(d.bitrateKbps) + ' kbit/s', fps: Number(d.fps).toFixed(1), queue: d.queuedPackets,
        drops: d.droppedPackets, reconnects: d.reconnects, sent: d.packetsSent };
      Object.keys(values).forEach(function (k) { t.querySelector('.stat-' + k).textContent = String(values[k]); });
      t.querySelector('.target').textContent = d.target || '';
      t.querySelector('.error').textContent = d.lastError ? d.lastError : '';
      t.querySelector('.retry').hidden = !failing;
    });
    Array.prototype.forEach.call($('tiles').querySelectorAll('.tile'), function (t) {
      if (!seen[t.dataset.destination]) { t.remove(); }
    });
  }
  // retry: the destination is taken off and added again with its plan, so it connects at once (no backoff left)
  function retryDestination(id, preset) {
    var p = planned(id);
    var spec = { id: id, preset: preset, secretId: p ? p.secretId : undefined };
    api('DELETE', '/live/destinations/' + encodeURIComponent(id))
      .then(function () { return api('POST', '/live/destinations', spec); })
      .then(function () { say(id + ' reconnects now'); })
      .catch(function (e) { say(e.message, true); });
  }

  // --- the program preview (the show's public HLS) -----------------------------------------------------------------
  function startPreview() {
    if (player || !live || !hasHls) { return; }
    var video = $('preview');
    var src = '/live/' + encodeURIComponent(showId) + '/index.m3u8';
    if (window.Hls && window.Hls.isSupported()) {
      player = new window.Hls({ enableWorker: false, lowLatencyMode: true, liveSyncDurationCount: 2 });
      player.on(window.Hls.Events.ERROR, function (event, data) {
        if (data.fatal) { player.destroy(); player = null; } // the next stats event tries again
      });
      player.loadSource(src);
      player.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      player = { destroy: function () { video.removeAttribute('src'); } };
      video.src = src;
    }
    $('preview-note').textContent = 'Program: ' + src;
  }

  // --- live events -----------------------------------------------------------------------------------------------
  function follow() {
    var events = new EventSource(base + '/live/events');
    events.addEventListener('show', function (e) {
      var change = JSON.parse(e.data);
      live = change.live;
      loadShow().then(startPreview);
      if (!live && player) { player.destroy(); player = null; }
    });
    events.addEventListener('stats', function (e) {
      var stats = JSON.parse(e.data);
      $('program').textContent = clock(stats.programMillis) + ' · ' + stats.state + (stats.source ? ' · ' + stats.source : '');
      renderTiles(stats);
      hasHls = stats.destinations.some(function (d) { return d.protocol === 'HLS'; });
      startPreview();
    });
    events.onerror = function () { say('Connection to the live events lost; reconnecting…', true); };
    events.onopen = function () { if ($('message').className.indexOf('bad') >= 0) { say(''); } };
  }

  function next() {
    if (!live) { return; }
    act('POST', '/slots/next/on-air', undefined, function (a) {
      return a.alreadyOnAir ? 'Slot ' + a.position + ' was already on air' : 'Slot ' + a.position + ' is on air';
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('next').addEventListener('click', next);
    $('end').addEventListener('click', function () {
      if (window.confirm('End the show now? Every destination stops and the recording is sealed.')) {
        act('POST', '/end', undefined, function (a) { return a.message; });
      }
    });
    $('add-destination').addEventListener('submit', function (e) {
      e.preventDefault();
      var f = e.target;
      var spec = { id: f.elements.id.value, preset: f.elements.preset.value, secretId: f.elements.secretId.value || undefined };
      act('POST', '/live/destinations', spec, function () { f.reset(); return spec.id + ' added'; });
    });
    document.addEventListener('keydown', function (e) {
      var tag = (e.target && e.target.tagName) || '';
      if ((e.key === 'n' || e.key === 'N') && !e.ctrlKey && !e.metaKey && !e.altKey
        && tag !== 'INPUT' && tag !== 'TEXTAREA' && tag !== 'SELECT') {
        e.preventDefault();
        next();
      }
    });
    loadShow();
    loadReport();
    follow();
    setInterval(tickRundown, 1000);
    setInterval(loadReport, 15000);
  });
}());
