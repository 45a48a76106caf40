// Keyboard shortcuts shared by every page (no inline script: the CSP allows only 'self').
// Ctrl+Enter (Cmd+Enter on a Mac) in a text area sends its form, as the journal's hint says; the browser's own
// validation still runs (requestSubmit), so an empty required field is reported instead of sent.
(function () {
  'use strict';
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) {
      return;
    }

    var target = event.target;
    if (!(target instanceof HTMLTextAreaElement) || !target.form || target.form.hasAttribute('data-no-shortcut')) {
      return;
    }

    event.preventDefault();
    if (typeof target.form.requestSubmit === 'function') {
      target.form.requestSubmit();
    } else {
      target.form.submit();
    }
  });
})();
