// A button with data-print opens the browser's print dialog (the page's own print stylesheet applies).
document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
});
