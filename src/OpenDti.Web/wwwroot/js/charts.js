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

  // Grey with diagonal lines: "chưa báo cáo", unlike any colour of the scale (an image pattern, drawn once).
  function hatch() {
    var tile = document.createElement('canvas');
    tile.width = 8;
    tile.height = 8;
    var pen = tile.getContext('2d');
    if (!pen) {
      return '#d5d9df';
    }
    pen.fillStyle = '#d5d9df';
    pen.fillRect(0, 0, 8, 8);
    pen.strokeStyle = '#7d8793';
    pen.lineWidth = 1.5;
    pen.beginPath();
    pen.moveTo(0, 8); pen.lineTo(8, 0);
    pen.moveTo(-2, 2); pen.lineTo(2, -2);
    pen.moveTo(6, 10); pen.lineTo(10, 6);
    pen.stroke();
    return { image: tile, repeat: 'repeat' };
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

    // The heat map: one cell per unit and indicator, coloured by the share of max points achieved. A unit
    // that reported nothing is drawn grey and hatched (a second series), not red like a reported 0; the
    // legend is the page's own (HTML, below the chart), so it is drawn once and never overlaps the cells.
    var heat = data.heatmap;
    var heatNode = document.getElementById('chart-heatmap');
    var nameWidth = Math.max(72, Math.min(170, Math.round((heatNode ? heatNode.clientWidth : 600) * 0.3)));
    if (heatNode) {
      // At least 18 px a column, so the indicator codes never overlap: on a phone the chart scrolls in its box.
      var box = heatNode.parentElement;
      if (!box.classList.contains('chart-scroll')) {
        box = document.createElement('div');
        box.className = 'chart-scroll';
        heatNode.parentElement.insertBefore(box, heatNode);
        box.appendChild(heatNode);
      }
      box.style.overflowX = 'auto';
      box.style.maxWidth = '100%';
      heatNode.style.minWidth = (nameWidth + 24 + heat.indices.length * 18) + 'px';
    }
    var reportedCells = heat.cells.filter(function (c) { return heat.units[c[1]].reported !== false; });
    var unreportedCells = heat.cells.filter(function (c) { return heat.units[c[1]].reported === false; })
      .map(function (c) { return [c[0], c[1], 0]; }); // a heat map skips a cell without a value
    draw('chart-heatmap', {
      grid: { left: nameWidth + 8, right: 16, top: heat.indices.length > 16 ? 56 : 40, bottom: 16 },
      tooltip: {
        formatter: function (p) {
          if (p.componentType === 'yAxis') {
            return escape(p.value);
          }
          var index = heat.indices[p.value[0]];
          var unit = heat.units[p.value[1]];
          var head = escape(unit.name) + '<br>' + escape(index.code + '. ' + index.name) + '<br>';
          if (p.seriesIndex === 1) {
            return head + escape(data.labels.notReported);
          }
          return head + escape(data.labels.points) + ': ' + points.format(p.value[3]) + ' / ' + points.format(index.maxPoints) +
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
        // Every name on its own row, cut to the room there is; the whole name in the tooltip.
        axisLabel: { interval: 0, width: nameWidth, overflow: 'truncate', ellipsis: '…' },
        tooltip: { show: true }
      },
      visualMap: {
        // Each cell is [indicator, unit, fraction, points]: colour by the fraction, not by the last dimension.
        show: false, seriesIndex: 0, dimension: 2, min: 0, max: 1, inRange: { color: ['#d73027', '#fee08b', '#1a9850'] }
      },
      series: [{
        type: 'heatmap', name: data.labels.fraction, data: reportedCells,
        label: { show: heat.units.length <= 30 && heat.indices.length <= 16, formatter: function (p) { return Math.round(p.value[2] * 100); } },
        encode: { x: 0, y: 1, value: 2 }
      }, {
        type: 'heatmap', name: data.labels.notReported, data: unreportedCells,
        itemStyle: { color: hatch(), borderColor: '#fff', borderWidth: 1 },
        encode: { x: 0, y: 1, value: 2 }
      }]
    }, Math.max(200, heat.units.length * 26 + (heat.indices.length > 16 ? 80 : 60)));
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
