// Vigie post-incident pages: live countdowns of legal deadlines and "copy the text" buttons.
// No framework, no inline script (the Content-Security-Policy allows only /assets).
//
// <strong class="countdown" data-countdown-to="2024-02-14T01:00:00Z" data-amber-at="..." data-left="reste {0}"
//         data-late="dépassée de {0}" data-day="j">: the text is rewritten every 15 s ("reste 3 h 05", "dépassée de 12 min");
// the closest element with class "deadline" gets status-proche once data-amber-at is reached and status-depassee once
// the deadline has passed, until the server's next live update says better (a sending, a reminder).
// <button data-copy="id" data-copied="Texte copié.">: copies the value (or text) of the element with that id.
(function () {
  'use strict';

  function duration(ms, day) {
    var minutes = Math.floor(ms / 60000);
    var hours = Math.floor(minutes / 60);
    if (hours >= 24) { return Math.floor(hours / 24) + ' ' + day + ' ' + (hours % 24) + ' h'; }
    if (hours >= 1) { var m = minutes % 60; return hours + ' h ' + (m < 10 ? '0' : '') + m; }
    return minutes + ' min';
  }

  function setStatus(card, status) {
    if (!card) { return; }
    card.className = card.className.replace(/\bstatus-[a-z_]+/g, '').trim() + ' status-' + status;
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll('[data-countdown-to]').forEach(function (el) {
      var due = Date.parse(el.getAttribute('data-countdown-to'));
      if (isNaN(due)) { return; }
      var left = due - now;
      var day = el.getAttribute('data-day') || 'j';
      var template = el.getAttribute(left >= 0 ? 'data-left' : 'data-late') || '{0}';
      el.textContent = template.replace('{0}', duration(Math.abs(left), day));
      var card = el.closest('.deadline');
      var amber = Date.parse(el.getAttribute('data-amber-at') || '');
      if (left < 0) { setStatus(card, 'depassee'); }
      else if (!isNaN(amber) && now >= amber) { setStatus(card, 'proche'); }
    });
  }

  tick();
  setInterval(tick, 15000);
  document.addEventListener('vigie:live-updated', tick);

  document.querySelectorAll('[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () {
      var source = document.getElementById(button.getAttribute('data-copy'));
      if (!source) { return; }
      var text = 'value' in source ? source.value : source.textContent;
      var done = function () {
        var note = button.getAttribute('data-copied');
        if (note) { button.setAttribute('aria-label', note); button.textContent = note; }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { fallback(source, done); });
      } else {
        fallback(source, done);
      }
    });
  });

  function fallback(source, done) {
    if (typeof source.select === 'function') {
      source.focus();
      source.select();
      try { if (document.execCommand('copy')) { done(); } } catch (e) { /* the text stays selected for Ctrl+C */ }
    }
  }
}());
