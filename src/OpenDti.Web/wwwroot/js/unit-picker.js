// Unit pickers (Pages/Shared/_UnitPicker.cshtml): the server lists every unit with a check box; this adds
// a search (accents optional), filters by level and parent, and ticking or unticking every unit shown.
(function () {
  'use strict';

  function fold(text) {
    return (text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().trim();
  }

  function number(value) {
    return value.toLocaleString(document.documentElement.lang === 'en' ? 'en-US' : 'vi-VN');
  }

  function setUp(picker) {
    var filters = picker.querySelector('.picker-filters');
    if (!filters) {
      return;
    }

    var search = filters.querySelector('[data-picker-search]');
    var level = filters.querySelector('[data-picker-level]');
    var parent = filters.querySelector('[data-picker-parent]');
    var count = filters.querySelector('[data-picker-count]');
    var items = Array.prototype.slice.call(picker.querySelectorAll('.picker-list li'));
    var groups = Array.prototype.slice.call(picker.querySelectorAll('.picker-level'));

    function shown() {
      return items.filter(function (item) { return !item.hidden; });
    }

    function update() {
      var text = fold(search.value);
      var wantedLevel = level.value;
      var wantedParent = parent.value;
      items.forEach(function (item) {
        item.hidden = (wantedLevel && item.dataset.level !== wantedLevel)
          || (wantedParent && item.dataset.parent !== wantedParent)
          || (text && item.dataset.search.indexOf(text) < 0);
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector('li:not([hidden])');
      });
      var ticked = items.filter(function (item) { return item.querySelector('input').checked; }).length;
      count.textContent = count.dataset.template
        .replace('{0}', number(shown().length))
        .replace('{1}', number(items.length))
        .replace('{2}', number(ticked));
    }

    function tick(value) {
      shown().forEach(function (item) { item.querySelector('input').checked = value; });
      update();
    }

    filters.hidden = false;
    search.addEventListener('input', update);
    level.addEventListener('change', update);
    parent.addEventListener('change', update);
    picker.addEventListener('change', function (event) {
      if (event.target.type === 'checkbox') {
        update();
      }
    });
    filters.querySelector('[data-picker-all]').addEventListener('click', function () { tick(true); });
    filters.querySelector('[data-picker-none]').addEventListener('click', function () { tick(false); });

    // Enter in the search filters; it does not send the form around the picker.
    search.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        event.preventDefault();
        update();
      }
    });
    update();
  }

  Array.prototype.forEach.call(document.querySelectorAll('.unit-picker'), setUp);
})();
