// Charts for report and survey tables: each <table data-chart> is drawn with Chart.js into the
// canvas that names it (data-chart-for), from the table's own cells, so the picture and the
// table a screen reader reads can never disagree. Hidden counts ("*") and figures that cannot
// be given ("—") are gaps. Also: a chosen CSV file is read into the import form's text box.
(function () {
  'use strict';
  var palette = ['#005ea2', '#d83933', '#00a398', '#e5a000', '#8168b3', '#1a4480'];

  function number(text) {
    var t = (text || '').replace(/[%\s,]/g, '');
    if (t === '' || t === '*' || t === '—') return null;
    var n = Number(t);
    return isNaN(n) ? null : n;
  }

  function draw(table) {
    var canvas = document.querySelector('canvas[data-chart-for="' + table.id + '"]');
    if (!canvas || typeof window.Chart === 'undefined') return;
    var heads = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.textContent.trim(); });
    var columns = (table.getAttribute('data-chart-columns') || '2').split(',').map(function (c) { return parseInt(c, 10) - 1; });
    var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr'));
    var labels = rows.map(function (tr) { return tr.cells[0].textContent.trim(); });
    var datasets = columns.map(function (c, i) {
      return {
        label: heads[c] || '',
        data: rows.map(function (tr) { return tr.cells[c] ? number(tr.cells[c].textContent) : null; }),
        backgroundColor: palette[i % palette.length],
        borderColor: palette[i % palette.length],
        spanGaps: false
      };
    });
    // Nothing to draw (every figure hidden or not given yet): no empty frame, the table says it.
    var any = datasets.some(function (d) { return d.data.some(function (v) { return v !== null; }); });
    if (!any) {
      canvas.parentNode.parentNode.removeChild(canvas.parentNode);
      return;
    }
    var percent = table.getAttribute('data-chart-percent') === '1';
    var kind = table.getAttribute('data-chart') === 'line' ? 'line' : 'bar';
    var horizontal = kind === 'bar' && labels.length > 4;
    new window.Chart(canvas, {
      type: kind,
      data: {labels: labels, datasets: datasets},
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {legend: {display: datasets.length > 1}},
        scales: {
          x: {ticks: {autoSkip: true}},
          y: {beginAtZero: true, ticks: {autoSkip: true}}
        }
      }
    });
    if (horizontal) canvas.parentNode.style.height = Math.max(160, labels.length * 28 + 60) + 'px';
    if (percent) canvas.setAttribute('data-percent', '1');
  }

  function ready() {
    Array.prototype.forEach.call(document.querySelectorAll('table[data-chart]'), draw);
    Array.prototype.forEach.call(document.querySelectorAll('input.mc-csv-file[data-fills]'), function (input) {
      input.addEventListener('change', function () {
        var target = document.getElementById(input.getAttribute('data-fills'));
        if (!target || !input.files || !input.files[0]) return;
        var reader = new FileReader();
        reader.onload = function () { target.value = String(reader.result); };
        reader.readAsText(input.files[0]);
      });
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})();
