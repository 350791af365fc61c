// Anshin console: live updates. Served by the console itself (CSP script-src 'self'); builds the DOM with
// textContent only, never innerHTML, so nothing from a notice can become markup.
(function () {
  'use strict';

  function cell(tr, text, cls, title) {
    var td = document.createElement('td');
    if (cls) { td.className = cls; }
    if (title) { td.title = title; }
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }

  function renderRows(table, answer) {
    var body = document.getElementById('board-rows');
    var fresh = document.createElement('tbody');
    fresh.id = 'board-rows';
    answer.rows.forEach(function (item) {
      var r = item.row;
      var tr = document.createElement('tr');
      tr.className = 'incident ' + (r.open ? 'open' : 'resolved') +
        (r.classification.indexOf('EXCEEDS') === 0 ? ' exceeds' : '');
      tr.setAttribute('data-key', r.incidentKey);
      var first = cell(tr, '');
      var a = document.createElement('a');
      a.href = r.url;
      a.textContent = r.sectorName;
      first.appendChild(a);
      cell(tr, r.classificationLabel);
      cell(tr, r.age, null, r.occurredAt);
      cell(tr, r.tlp, 'tlp');
      var last = cell(tr, r.lastNotice + (r.escalationTier > 1 ? ' \u2191' + r.escalationTier : '') + ' ');
      var small = document.createElement('small');
      small.textContent = r.lastNoticeAt;
      last.appendChild(small);
      cell(tr, r.statusLabel);
      cell(tr, item.ackText, 'ack');
      cell(tr, r.summary);
      fresh.appendChild(tr);
    });
    body.parentNode.replaceChild(fresh, body);
    var count = document.getElementById('row-count');
    if (count) { count.textContent = String(answer.count); }
    var empty = document.getElementById('empty');
    if (empty) { empty.hidden = answer.count > 0; }
  }

  function refreshBoard(table) {
    fetch(table.getAttribute('data-json'), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) {
        if (r.status === 401) { window.location.href = '/login'; return null; }
        return r.ok ? r.json() : null;
      })
      .then(function (answer) { if (answer) { renderRows(table, answer); } })
      .catch(function () { /* the next change or reconnect tries again */ });
  }

  function liveState(on) {
    var s = document.getElementById('live-state');
    if (s) { s.textContent = s.getAttribute(on ? 'data-on' : 'data-off'); s.className = on ? 'on' : 'off'; }
  }

  document.addEventListener('DOMContentLoaded', function () {
    var table = document.getElementById('board');
    var incident = document.getElementById('incident');
    if (!table && !incident) { return; }
    var drills = document.body.classList.contains('drills');
    var source = new EventSource('/events');
    source.onopen = function () {
      liveState(true);
      if (table) { refreshBoard(table); } // anything missed while (re)connecting
    };
    source.onerror = function () { liveState(false); };
    source.addEventListener('changed', function (e) {
      if ((e.data === 'drills') !== drills) { return; }
      if (table) {
        refreshBoard(table);
      } else if (incident) {
        var note = document.querySelector('#ack-form textarea');
        if (!note || (note.value === '' && document.activeElement !== note)) {
          window.location.replace(window.location.pathname); // the record changed: show the new timeline
        }
      }
    });
  });
})();
