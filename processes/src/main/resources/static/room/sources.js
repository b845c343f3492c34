// The control room's sources: each source of the show with its state and a preview picture, cut buttons and the
// keyboard shortcuts 1-6 (the source at that place), F (the source named "field"), S (the slate). REST API only.
(function () {
  'use strict';
  var body = document.body;
  var base = '/api/shows/' + encodeURIComponent(body.dataset.show) + '/live';
  var sources = [];

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function say(text, bad) {
    var m = $('message');
    m.textContent = text;
    m.className = 'message' + (bad ? ' bad' : '');
  }
  function post(path, json) {
    var headers = { 'Accept': 'application/json', 'Content-Type': 'application/json' };
    if (body.dataset.csrfHeader) { headers[body.dataset.csrfHeader] = body.dataset.csrfToken; }
    return fetch(base + path, { method: 'POST', headers: headers, credentials: 'same-origin', body: JSON.stringify(json || {}) })
      .then(function (r) {
        return r.text().then(function (t) {
          var data = t ? JSON.parse(t) : null;
          if (!r.ok) { throw new Error((data && data.message) || ('POST ' + path + ' answered ' + r.status)); }
          return data;
        });
      });
  }

  function cutTo(name) {
    post('/cut', { source: name }).then(function () { say('Cut to ' + name); load(); })
      .catch(function (e) { say(e.message, true); });
  }
  function slate() {
    post('/cut/slate').then(function () { say('Slate on air'); load(); }).catch(function (e) { say(e.message, true); });
  }

  function card(s, index) {
    var c = document.querySelector('.source[data-source="' + CSS.escape(s.name) + '"]');
    if (c) { return c; }
    c = el('div', 'source');
    c.dataset.source = s.name;
    var img = el('img', 'thumb');
    img.alt = s.name;
    c.appendChild(img);
    var h = el('h3', null, s.name);
    h.appendChild(el('kbd', null, String(index + 1)));
    c.appendChild(h);
    c.appendChild(el('p', 'meta'));
    var button = el('button', 'cut', 'Cut');
    button.addEventListener('click', function () { cutTo(s.name); });
    c.appendChild(button);
    $('sources').appendChild(c);
    return c;
  }
  function render() {
    var hint = $('sources').querySelector('.hint');
    if (hint && sources.length) { hint.remove(); }
    sources.forEach(function (s, i) {
      var c = card(s, i);
      c.className = 'source ' + (s.onAir ? 'source-on-air' : s.connected ? 'source-connected' : 'source-away');
      c.dataset.state = s.onAir ? 'ON_AIR' : s.connected ? 'CONNECTED' : 'AWAY';
      c.querySelector('.meta').textContent = (s.onAir ? 'ON AIR' : s.connected ? 'connected' : 'not connected')
        + (s.connected && s.width ? ' · ' + s.width + 'x' + s.height + ' ' + Number(s.fps).toFixed(0) + ' fps' : '')
        + (s.backup ? ' · backup' : '') + ' · ' + s.mode;
      c.querySelector('.cut').disabled = !s.connected || s.onAir || sources.length < 2;
      c.querySelector('.thumb').hidden = !s.connected;
    });
    $('cut-slate').disabled = sources.length < 2;
  }
  function refreshPreviews() {
    sources.forEach(function (s) {
      var c = document.querySelector('.source[data-source="' + CSS.escape(s.name) + '"]');
      if (c && s.connected && sources.length > 1) {
        c.querySelector('.thumb').src = base + '/sources/' + encodeURIComponent(s.name) + '/preview.jpg?maxWidth=240&t=' + Date.now();
      }
    });
  }
  function load() {
    fetch(base + '/sources', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (list) { sources = list || []; render(); })
      .catch(function () { });
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('cut-slate').addEventListener('click', slate);
    document.addEventListener('keydown', function (e) {
      var tag = (e.target && e.target.tagName) || '';
      if (e.ctrlKey || e.metaKey || e.altKey || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') { return; }
      var key = e.key.toLowerCase();
      var index = '123456'.indexOf(key);
      if (index >= 0 && sources[index]) {
        e.preventDefault();
        cutTo(sources[index].name);
      } else if (key === 'f' && sources.some(function (s) { return s.name === 'field'; })) {
        e.preventDefault();
        cutTo('field');
      } else if (key === 's' && sources.length > 1) {
        e.preventDefault();
        slate();
      }
    });
    load();
    setInterval(load, 1000);
    setInterval(refreshPreviews, 2000);
  });
}());
