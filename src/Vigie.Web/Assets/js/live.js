// Vigie live updates and connection state. No framework, no inline script (the Content-Security-Policy allows only /assets).
//
// Live regions: a page region opts in with  id="..." data-live-topic="journal actions" data-live-incident="42"
// (data-live-incident="0" follows every incident). When the server reports a committed change of that incident and
// topic over SignalR (/hubs/incidents, "changed" {incidentId, topic, seq}), the page is fetched again and the regions
// with the same id are swapped in. Forms live outside regions, so typed text stays.
//
// Connection state, on every page: a heartbeat (GET /live/ping every 2 s; the server answers 503 when its database is
// out of reach) and SignalR's own events show #connection-banner within five seconds of losing the server (a stopped
// server refuses at once). Silence counts as lost after 8 s only: a busy server that answers in 6 s is slow, not lost,
// and the banner says that nothing sent is saved.
// A form posted meanwhile is not sent into the void (which would land on the browser's error page and lose the text):
// the submit is checked against the server first. A slow server is not a lost one (a laptop whose cores are busy with a
// hunt can take seconds): after two seconds the form says it is waiting, and it goes as soon as the server answers. When
// the server refuses, answers 503 or stays silent for twenty seconds, the page stays, the text stays, and the form says
// it was not saved. Forms with data-offline-queue="key" (the desk) are kept on the device and sent once, by
// themselves, when the server is back; their hidden submission key makes a second copy harmless. Without JavaScript
// the forms post as usual.
//
// Drafts: textareas with data-draft-key keep a draft in sessionStorage, and forms with data-draft-form="key" keep every
// field in localStorage, until an element [data-draft-clear=key] confirms the entry was recorded. Buttons with data-print
// print the page.
(function () {
  'use strict';

  var banner = document.getElementById('connection-banner');
  var say = function (name) { return (banner && banner.getAttribute('data-' + name)) || ''; };
  var QUEUE = 'vigie.queue';

  function storage(kind) { try { return kind === 'local' ? window.localStorage : window.sessionStorage; } catch (e) { return null; } }

  // ---- Drafts -------------------------------------------------------------------------------------------------
  var cleared = {};
  document.querySelectorAll('[data-draft-clear]').forEach(function (el) {
    var key = 'vigie.draft.' + el.getAttribute('data-draft-clear');
    cleared[key] = true;
    [storage('session'), storage('local')].forEach(function (s) { if (s) { s.removeItem(key); } });
  });
  document.querySelectorAll('textarea[data-draft-key]').forEach(function (area) {
    var key = 'vigie.draft.' + area.getAttribute('data-draft-key');
    var s = storage('session');
    if (!s) { return; }
    if (!area.value && !cleared[key]) { area.value = s.getItem(key) || ''; }
    area.addEventListener('input', function () { s.setItem(key, area.value); });
  });

  function fieldsOf(form, submitter) {
    var list = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === 'string' && name !== '__RequestVerificationToken') { list.push([name, value]); }
    });
    if (submitter && submitter.name) { list.push([submitter.name, submitter.value]); }
    return list;
  }

  function restore(form, fields) {
    fields.forEach(function (pair) {
      var els = form.querySelectorAll('[name="' + pair[0].replace(/"/g, '') + '"]');
      els.forEach(function (el) {
        if (el.type === 'radio' || el.type === 'checkbox') { el.checked = el.value === pair[1]; }
        else if (el.tagName !== 'BUTTON') { el.value = pair[1]; }
        el.dispatchEvent(new Event('change', { bubbles: true }));
      });
    });
  }

  document.querySelectorAll('form[data-draft-form]').forEach(function (form) {
    var key = 'vigie.draft.' + form.getAttribute('data-draft-form');
    var s = storage('local');
    if (!s) { return; }
    if (!cleared[key] && form.getAttribute('data-draft-restore') === 'true') {
      try { var saved = JSON.parse(s.getItem(key) || 'null'); if (saved) { restore(form, saved); } } catch (e) { /* a damaged draft is ignored */ }
    }
    var save = function () { s.setItem(key, JSON.stringify(fieldsOf(form, null))); };
    form.addEventListener('input', save);
    form.addEventListener('change', save);
  });

  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
  });

  // ---- Connection state ---------------------------------------------------------------------------------------
  var online = true;
  var liveStatus = document.getElementById('live-status');

  function setStatus(up) {
    if (liveStatus) {
      liveStatus.textContent = liveStatus.getAttribute(up ? 'data-online' : 'data-offline') || '';
      liveStatus.setAttribute('data-state', up ? 'online' : 'offline');
    }
  }

  function showBanner(text, state) {
    if (!banner) { return; }
    banner.textContent = text;
    banner.setAttribute('data-state', state);
    banner.hidden = false;
  }

  var backTimer = null;
  function setOnline(up) {
    document.documentElement.setAttribute('data-connection', up ? 'online' : 'offline');
    if (up === online) { return; }
    online = up;
    setStatus(up);
    if (!up) {
      if (backTimer) { clearTimeout(backTimer); backTimer = null; }
      showBanner(say('offline'), 'offline');
      return;
    }
    showBanner(say('back'), 'online');
    backTimer = setTimeout(function () { if (banner && online) { banner.hidden = true; } }, 4000);
    flushQueue();
  }

  function ping(timeoutMs) {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, timeoutMs) : null;
    return fetch('/live/ping', { cache: 'no-store', credentials: 'same-origin', signal: controller ? controller.signal : undefined })
      .then(function (r) { return r.ok; }, function () { return false; })
      .then(function (ok) { if (timer) { clearTimeout(timer); } return ok; });
  }

  var HEARTBEAT_WAIT_MS = 8000;
  function heartbeat() {
    ping(HEARTBEAT_WAIT_MS).then(function (ok) { setOnline(ok); setTimeout(heartbeat, 2000); });
  }
  setTimeout(heartbeat, 1000);

  // ---- Forms: never lose what was typed -----------------------------------------------------------------------
  function note(form, text, state) {
    var el = form.querySelector(':scope > .offline-note');
    if (!el) {
      el = document.createElement('p');
      el.className = 'offline-note';
      el.setAttribute('role', 'alert');
      form.insertBefore(el, form.firstChild);
    }
    el.textContent = text;
    el.setAttribute('data-state', state);
    el.scrollIntoView({ block: 'nearest' });
  }

  function readQueue() { var s = storage('local'); try { return (s && JSON.parse(s.getItem(QUEUE) || '[]')) || []; } catch (e) { return []; } }
  function writeQueue(q) { var s = storage('local'); if (s) { s.setItem(QUEUE, JSON.stringify(q)); } }

  function enqueue(form, submitter) {
    var key = form.getAttribute('data-offline-queue');
    var q = readQueue().filter(function (item) { return item.key !== key; });
    q.push({ key: key, path: window.location.pathname, fields: fieldsOf(form, submitter), submitter: submitter ? submitter.id : null });
    writeQueue(q);
  }

  function send(form, submitter) {
    form.setAttribute('data-sending', 'true');
    if (typeof form.requestSubmit === 'function') { form.requestSubmit(submitter || undefined); } else { form.submit(); }
    // A form the browser refused to send (a required field left empty) is checked again next time.
    setTimeout(function () { form.removeAttribute('data-sending'); }, 0);
  }

  // Sends a queued desk entry once the server is back: the form is on this page (as left, or restored from the device).
  function flushQueue() {
    readQueue().forEach(function (item) {
      var form = document.querySelector('form[data-offline-queue="' + item.key + '"]');
      if (!form || item.path !== window.location.pathname) { return; }
      restore(form, item.fields);
      var submitter = item.submitter ? document.getElementById(item.submitter) : null;
      writeQueue(readQueue().filter(function (other) { return other.key !== item.key; }));
      note(form, say('sent'), 'sending');
      send(form, submitter);
    });
  }

  var SUBMIT_WAIT_MS = 20000; // how long a posted form waits for the server's answer before it says "not saved"
  var SLOW_NOTE_MS = 2000;    // when it starts saying that it waits

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || '').toLowerCase() !== 'post' || form.hasAttribute('data-no-intercept')) { return; }
    if (form.getAttribute('data-sending') === 'true') { form.removeAttribute('data-sending'); return; }
    event.preventDefault();
    // A second click while the server is asked changes nothing: the form goes once.
    if (form.getAttribute('data-checking') === 'true') { return; }
    form.setAttribute('data-checking', 'true');
    var submitter = event.submitter || null;
    var slow = setTimeout(function () { note(form, say('waiting'), 'waiting'); }, SLOW_NOTE_MS);
    ping(SUBMIT_WAIT_MS).then(function (ok) {
      clearTimeout(slow);
      form.removeAttribute('data-checking');
      if (ok) {
        setOnline(true);
        var waiting = form.querySelector(':scope > .offline-note[data-state="waiting"]');
        if (waiting) { waiting.remove(); }
        send(form, submitter);
        return;
      }
      setOnline(false);
      if (form.hasAttribute('data-offline-queue')) {
        enqueue(form, submitter);
        note(form, say('queued'), 'queued');
      } else {
        note(form, say('not-saved'), 'not-saved');
      }
    });
  }, true);

  // A desk entry queued before the page was left or reloaded: when its page is open again and the server answers.
  if (readQueue().length > 0) { ping(4000).then(function (ok) { if (ok) { flushQueue(); } }); }

  // ---- Live regions (SignalR) ---------------------------------------------------------------------------------
  function regions() { return Array.prototype.slice.call(document.querySelectorAll('[data-live-topic][id]')); }

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
    return (id === '0' || id === String(change.incidentId)) && (topics.indexOf(change.topic) >= 0 || topics.indexOf('*') >= 0);
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
    .withAutomaticReconnect([0, 1000, 2000, 2000, 5000, 5000, 10000])
    .build();
  connection.on('changed', function (change) { pending.push(change); schedule(); });
  // SignalR notices a stopped server at once: say so without waiting for the heartbeat (which says when it is back).
  connection.onreconnecting(function () { setOnline(false); });
  connection.onreconnected(function () { setStatus(true); watch().then(function () { pending.push({ incidentId: 0, topic: '*' }); schedule(); }); });
  connection.onclose(function () { setOnline(false); setTimeout(start, 3000); });

  function watch() {
    return Promise.all(Object.keys(incidents).map(function (id) { return connection.invoke('Watch', Number(id)); }));
  }

  function start() {
    connection.start()
      .then(watch)
      .then(function () {
        setStatus(true);
        document.documentElement.setAttribute('data-live', 'connected');
        // Whatever changed while the connection was down: fetch once.
        if (document.documentElement.getAttribute('data-live-started') === 'true') { pending.push({ incidentId: 0, topic: '*' }); schedule(); }
        document.documentElement.setAttribute('data-live-started', 'true');
      })
      .catch(function () { setStatus(false); setTimeout(start, 3000); });
  }
  start();
}());
