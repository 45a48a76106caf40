// Vigie live updates. No framework, no inline script (the Content-Security-Policy allows only /assets).
//
// A page region opts in with:  id="..." data-live-topic="journal actions" data-live-incident="42"
// (data-live-incident="0" follows every incident). When the server reports a committed change of that
// incident and topic over SignalR (/hubs/incidents, "changed" {incidentId, topic, seq}), the page is fetched
// again and the regions with the same id are swapped in. Forms live outside regions, so typed text stays.
//
// Also: textareas with data-draft-key keep a draft in sessionStorage until an element
// [data-draft-clear=key] confirms the entry was recorded; buttons with data-print print the page.
(function () {
  'use strict';

  function regions() { return Array.prototype.slice.call(document.querySelectorAll('[data-live-topic][id]')); }

  // Drafts: survive a failed submit, a reload or a lost connection.
  var cleared = {};
  document.querySelectorAll('[data-draft-clear]').forEach(function (el) {
    var key = 'vigie.draft.' + el.getAttribute('data-draft-clear');
    cleared[key] = true;
    try { sessionStorage.removeItem(key); } catch (e) { /* storage unavailable */ }
  });
  document.querySelectorAll('textarea[data-draft-key]').forEach(function (area) {
    var key = 'vigie.draft.' + area.getAttribute('data-draft-key');
    try {
      if (!area.value && !cleared[key]) { area.value = sessionStorage.getItem(key) || ''; }
      area.addEventListener('input', function () { sessionStorage.setItem(key, area.value); });
    } catch (e) { /* storage unavailable */ }
  });

  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
  });

  var status = document.getElementById('live-status');
  function setStatus(online) {
    if (!status) { return; }
    status.textContent = status.getAttribute(online ? 'data-online' : 'data-offline') || '';
    status.setAttribute('data-state', online ? 'online' : 'offline');
  }

  var initial = regions();
  if (initial.length === 0 || typeof signalR === 'undefined') { return; }
  var incidents = {};
  initial.forEach(function (r) { incidents[r.getAttribute('data-live-incident') || '0'] = true; });

  var pending = [];
  var timer = null;
  var busy = false;

  function matches(region, change) {
    if (change.topic === '*') { return true; }
    var id = region.getAttribute('data-live-incident') || '0';
    var topics = (region.getAttribute('data-live-topic') || '').split(/\s+/);
    return (id === '0' || id === String(change.incidentId)) && topics.indexOf(change.topic) >= 0;
  }

  function schedule() { if (!timer) { timer = setTimeout(refresh, 200); } }

  function refresh() {
    timer = null;
    if (busy) { schedule(); return; }
    var changes = pending; pending = [];
    var targets = regions().filter(function (r) { return changes.some(function (c) { return matches(r, c); }); });
    if (targets.length === 0) { return; }
    busy = true;
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'X-Vigie-Live': '1' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var doc = new DOMParser().parseFromString(html, 'text/html');
        targets.forEach(function (target) {
          var fresh = doc.getElementById(target.id);
          if (!fresh) { return; }
          var known = {};
          target.querySelectorAll('[data-seq]').forEach(function (e) { known[e.getAttribute('data-seq')] = true; });
          var node = document.importNode(fresh, true);
          node.querySelectorAll('[data-seq]').forEach(function (e) { if (!known[e.getAttribute('data-seq')]) { e.classList.add('fresh'); } });
          target.replaceWith(node);
        });
        document.dispatchEvent(new CustomEvent('vigie:live-updated'));
      })
      .catch(function () { /* next change or reconnect will retry */ })
      .then(function () { busy = false; });
  }

  var connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/incidents')
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
    .build();
  connection.on('changed', function (change) { pending.push(change); schedule(); });
  connection.onreconnecting(function () { setStatus(false); });
  connection.onreconnected(function () { setStatus(true); watch().then(function () { pending.push({ incidentId: 0, topic: '*' }); schedule(); }); });
  connection.onclose(function () { setStatus(false); setTimeout(start, 5000); });

  function watch() {
    return Promise.all(Object.keys(incidents).map(function (id) { return connection.invoke('Watch', Number(id)); }));
  }

  function start() {
    connection.start()
      .then(watch)
      .then(function () { setStatus(true); document.documentElement.setAttribute('data-live', 'connected'); })
      .catch(function () { setStatus(false); setTimeout(start, 5000); });
  }
  start();
}());
