// The journal form's file field: a file larger than the server accepts is said at once, before anything is sent
// (the server checks again: size, and type from the bytes). No framework, no inline script.
(function () {
  'use strict';
  document.querySelectorAll('input[type="file"][data-max-bytes]').forEach(function (input) {
    var max = Number(input.getAttribute('data-max-bytes'));
    var message = input.getAttribute('data-too-large') || '';
    input.addEventListener('change', function () {
      var tooLarge = Array.prototype.filter.call(input.files || [], function (file) { return file.size > max; });
      input.setCustomValidity(tooLarge.length > 0 ? message.replace('{0}', tooLarge[0].name) : '');
      if (tooLarge.length > 0) { input.reportValidity(); }
    });
  });
}());
