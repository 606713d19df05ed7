// The framework editor: asks before a node is removed from the draft. Without JavaScript the
// node is removed at once; nothing is stored until "Lưu phiên bản mới", so it is undone by not saving.
(function () {
    'use strict';
    document.addEventListener('click', function (event) {
        var button = event.target.closest && event.target.closest('button[data-confirm]');
        if (button && !window.confirm(button.getAttribute('data-confirm'))) {
            event.preventDefault();
        }
    });
}());
