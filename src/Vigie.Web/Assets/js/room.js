// Vigie, the room at night: the desk's one-step vital emergency, and the crisis board's clock and elapsed times.
// No framework, no inline script (the Content-Security-Policy allows only /assets). Pages work without it.
//
// <form data-desk>: when triage 1 is chosen, "can travel by own means" is not asked and the one button records the
// vital emergency at once (data-vital-label), instead of proposing destinations (data-suggest-label).
// <span data-elapsed-since="2024-02-11T01:00:00Z" data-template="depuis {0}" data-day="j">: a duration that grows
// ("7 h 42", "2 j 4 h"), rewritten every 10 s. <time data-clock data-zone="Europe/Paris">: the hospital's time, HH:MM.
(function () {
  'use strict';

  document.querySelectorAll('form[data-desk]').forEach(function (form) {
    var button = form.querySelector('#desk-suggest');
    var ambulatory = form.querySelector('.desk-ambulatory');
    function update() {
      var tri = form.querySelector('input[name="Form.Triage"]:checked');
      var vital = !!tri && tri.value === '1';
      if (ambulatory) {
        ambulatory.hidden = vital;
        ambulatory.querySelectorAll('input').forEach(function (input) { input.disabled = vital; });
      }
      if (button && button.getAttribute('data-vital-label')) {
        button.textContent = button.getAttribute(vital ? 'data-vital-label' : 'data-suggest-label');
        button.value = vital ? 'record' : 'suggest';
        button.classList.toggle('vital-button', vital);
      }
    }
    form.addEventListener('change', update);
    update();
  });

  // Grouped service changes: "tick all" per group (hidden without JavaScript: people tick one by one).
  document.querySelectorAll('[data-check-all]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var boxes = document.querySelectorAll('input[type="checkbox"][data-group="' + button.getAttribute('data-check-all') + '"]');
      var all = Array.prototype.every.call(boxes, function (b) { return b.checked; });
      boxes.forEach(function (b) { b.checked = !all; });
    });
  });

  function duration(ms, day) {
    var minutes = Math.max(0, Math.floor(ms / 60000));
    var hours = Math.floor(minutes / 60);
    if (hours >= 24) { return Math.floor(hours / 24) + ' ' + day + ' ' + (hours % 24) + ' h'; }
    if (hours >= 1) { var m = minutes % 60; return hours + ' h ' + (m < 10 ? '0' : '') + m; }
    return minutes + ' min';
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll('[data-elapsed-since]').forEach(function (el) {
      var since = Date.parse(el.getAttribute('data-elapsed-since'));
      if (isNaN(since)) { return; }
      var template = el.getAttribute('data-template') || '{0}';
      el.textContent = template.replace('{0}', duration(now - since, el.getAttribute('data-day') || 'j'));
    });
    document.querySelectorAll('[data-clock]').forEach(function (el) {
      try {
        el.textContent = new Intl.DateTimeFormat(document.documentElement.lang || 'fr', {
          hour: '2-digit', minute: '2-digit', hour12: false, timeZone: el.getAttribute('data-zone') || undefined
        }).format(new Date(now));
      } catch (e) { /* an unknown zone keeps the server's text */ }
    });
  }

  tick();
  setInterval(tick, 10000);
  document.addEventListener('vigie:live-updated', tick);
}());
