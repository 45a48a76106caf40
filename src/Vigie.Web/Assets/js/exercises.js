// Vigie crisis exercises: keeps the exercise clocks ("H+01:23:45") and the countdowns of the animators' console ticking
// between live refreshes. Elements: [data-exercise-clock] with data-elapsed-ms (exercise time when the page was made),
// data-speed and data-running; [data-due-ms] with data-in ("dans {0}") and data-now texts. No framework, no inline script.
(function () {
  'use strict';
  var seen = new WeakMap();

  function base(el) {
    if (!seen.has(el)) { seen.set(el, Date.now()); }
    return seen.get(el);
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  function format(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    return 'H+' + pad(Math.floor(s / 3600)) + ':' + pad(Math.floor(s / 60) % 60) + ':' + pad(s % 60);
  }

  function short(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) { return s + ' s'; }
    var m = Math.floor(s / 60);
    return m < 60 ? m + ' min ' + pad(s % 60) : Math.floor(m / 60) + ' h ' + pad(m % 60);
  }

  function tick() {
    document.querySelectorAll('[data-exercise-clock]').forEach(function (clock) {
      var elapsed = Number(clock.getAttribute('data-elapsed-ms')) || 0;
      var speed = Number(clock.getAttribute('data-speed')) || 1;
      var running = clock.getAttribute('data-running') === '1';
      var now = elapsed + (running ? (Date.now() - base(clock)) * speed : 0);
      clock.textContent = format(now);
      var scope = clock.closest('main') || document;
      scope.querySelectorAll('[data-due-ms]').forEach(function (due) {
        var left = (Number(due.getAttribute('data-due-ms')) - now) / speed;
        due.textContent = !running ? '' : left <= 0 ? (due.getAttribute('data-now') || '') : (due.getAttribute('data-in') || '{0}').replace('{0}', short(left));
      });
    });
  }

  document.addEventListener('vigie:live-updated', tick);
  tick();
  setInterval(tick, 1000);
}());
