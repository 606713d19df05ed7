// Day fields (Pages/Shared/_DateInput.cshtml): text boxes read as dd/MM/yyyy whatever the browser's
// language. This only helps typing: digits get their slashes (15012027 → 15/01/2027) and a day typed
// with dashes or dots becomes dd/MM/yyyy. The server still reads and checks what is sent.
(function () {
  'use strict';

  function pad(part) {
    return part.length === 1 ? '0' + part : part;
  }

  function tidy(text) {
    var value = text.trim();
    var digits = /^(\d{2})(\d{2})(\d{4})$/.exec(value);
    if (digits) {
      return digits[1] + '/' + digits[2] + '/' + digits[3];
    }
    var parts = /^(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})$/.exec(value);
    return parts ? pad(parts[1]) + '/' + pad(parts[2]) + '/' + parts[3] : text;
  }

  function onInput(event) {
    var input = event.target;
    if (!input.matches || !input.matches('input[data-date-input]') || event.inputType === 'deleteContentBackward') {
      return;
    }
    // After the day's and the month's two digits comes a slash.
    if (/^\d{2}$/.test(input.value) || /^\d{2}\/\d{2}$/.test(input.value)) {
      input.value += '/';
    }
  }

  function onChange(event) {
    var input = event.target;
    if (input.matches && input.matches('input[data-date-input]')) {
      input.value = tidy(input.value);
    }
  }

  document.addEventListener('input', onInput);
  document.addEventListener('change', onChange, true);
}());
