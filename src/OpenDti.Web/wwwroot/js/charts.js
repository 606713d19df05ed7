// Draws the results charts with Apache ECharts from the JSON in <script id="results-chart-data">.
// No inline script: the page only carries data, so a strict Content-Security-Policy stays possible.
(function () {
  'use strict';

  var source = document.getElementById('results-chart-data');
  if (!source || !window.echarts) {
    return;
  }

  var data = JSON.parse(source.textContent);
  var numbers = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 2 });
  var points = new Intl.NumberFormat(data.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var percent = function (fraction) {
    return new Intl.NumberFormat(data.locale, { maximumFractionDigits: 1 }).format(fraction * 100) + '%';
  };
  var escape = function (text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  };
  var charts = [];

  function draw(id, option, height) {
    var node = document.getElementById(id);
    if (!node) {
      return;
    }
    if (height) {
      node.style.height = height + 'px';
    }
    var chart = window.echarts.init(node, null, { renderer: 'svg' });
    // No moving bars for people who ask their system for less motion.
    option.animation = !(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
    chart.setOption(option);
    charts.push(chart);
  }

  if (data.kind === 'period') {
    var bands = data.histogram.map(function (b) { return numbers.format(b.from) + '–' + numbers.format(b.to); });
    draw('chart-histogram', {
      grid: { left: 48, right: 16, top: 24, bottom: 64 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: function (v) { return numbers.format(v); }
      },
      xAxis: { type: 'category', data: bands, name: data.labels.total, nameLocation: 'middle', nameGap: 44, axisLabel: { rotate: 40 } },
      yAxis: { type: 'value', name: data.labels.units, minInterval: 1 },
      series: [{ type: 'bar', name: data.labels.units, data: data.histogram.map(function (b) { return b.units; }), itemStyle: { color: '#0b5cad' } }]
    });

    var heat = data.heatmap;
    draw('chart-heatmap', {
      grid: { left: 160, right: 24, top: heat.indices.length > 16 ? 56 : 40, bottom: 56 },
      tooltip: {
        formatter: function (p) {
          var index = heat.indices[p.value[0]];
          var unit = heat.units[p.value[1]];
          return escape(unit.name) + '<br>' + escape(index.code + '. ' + index.name) + '<br>' +
            escape(data.labels.points) + ': ' + points.format(p.value[3]) + ' / ' + points.format(index.maxPoints) +
            ' (' + percent(p.value[2]) + ')';
        }
      },
      xAxis: {
        type: 'category', data: heat.indices.map(function (i) { return i.code; }), position: 'top', splitArea: { show: true },
        axisLabel: { interval: 0, rotate: heat.indices.length > 16 ? 90 : 0, fontSize: 11 }
      },
      yAxis: {
        type: 'category', inverse: true, splitArea: { show: true },
        data: heat.units.map(function (u) { return u.name; }),
        axisLabel: { width: 150, overflow: 'truncate' }
      },
      visualMap: {
        // Each cell is [indicator, unit, fraction, points]: colour by the fraction, not by the last dimension.
        dimension: 2, min: 0, max: 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 4, itemHeight: 160,
        text: ['100%', '0%'], inRange: { color: ['#d73027', '#fee08b', '#1a9850'] },
        formatter: function (v) { return percent(v); }
      },
      series: [{
        type: 'heatmap', name: data.labels.fraction, data: heat.cells,
        label: { show: heat.units.length <= 30 && heat.indices.length <= 16, formatter: function (p) { return Math.round(p.value[2] * 100); } },
        encode: { x: 0, y: 1, value: 2 }
      }]
    }, Math.max(260, heat.units.length * 26 + 110));
  }

  if (data.kind === 'scorecard') {
    var indices = data.indices;
    draw('chart-bars', {
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        formatter: function (items) {
          var index = indices[items[0].dataIndex];
          return escape(index.code + '. ' + index.name) + '<br>' + escape(data.labels.points) + ': ' +
            points.format(index.points) + ' / ' + points.format(index.maxPoints) + ' (' + percent(index.fraction) + ')';
        }
      },
      xAxis: { type: 'category', data: indices.map(function (i) { return i.code; }) },
      yAxis: { type: 'value', axisLabel: { formatter: function (v) { return numbers.format(v); } } },
      series: [
        { type: 'bar', name: data.labels.maxPoints, data: indices.map(function (i) { return i.maxPoints; }), itemStyle: { color: '#d6dde4' }, barGap: '-100%', z: 1 },
        { type: 'bar', name: data.labels.points, data: indices.map(function (i) { return i.points; }), itemStyle: { color: '#0b5cad' }, z: 2 }
      ]
    });

    draw('chart-radar', {
      tooltip: {
        trigger: 'item',
        formatter: function () {
          return indices.map(function (i) { return escape(i.code + '. ' + i.name) + ': ' + percent(i.fraction); }).join('<br>');
        }
      },
      radar: {
        radius: '65%',
        indicator: indices.map(function (i) { return { name: i.code, max: 1 }; }),
        axisName: { color: '#1b2733' }
      },
      series: [{
        type: 'radar', name: data.labels.fraction, areaStyle: { opacity: 0.25 },
        data: [{ value: indices.map(function (i) { return i.fraction; }), name: data.labels.fraction }]
      }]
    });
  }

  var pending = 0;
  window.addEventListener('resize', function () {
    window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
  });
}());
