// Charts for report tables: each <table data-chart> is drawn with Chartist (SVG) into the element
// that names it (data-chart-for), from the table's own cells, so the picture and the table a
// screen reader reads can never disagree. Hidden counts ("*") and figures that cannot be given
// ("—") are gaps. Also: a chosen CSV file is read into the import form's text box.
(function () {
  'use strict';
  // Series colours are set in microcred.css (.mc-chart .ct-series-a ...), from the USWDS palette.

  function number(text) {
    var t = (text || '').replace(/[%\s,]/g, '');
    if (t === '' || t === '*' || t === '—') return null;
    var n = Number(t);
    return isNaN(n) ? null : n;
  }

  // More than one series gets a legend (Chartist draws none): one swatch per column.
  function legend(area, names) {
    var list = document.createElement('ul');
    list.className = 'mc-chart-legend';
    list.setAttribute('aria-hidden', 'true'); // the table beside it names the columns
    names.forEach(function (name, i) {
      var item = document.createElement('li');
      item.className = 'mc-chart-legend__item mc-chart-legend__item--' + String.fromCharCode(97 + (i % 26));
      item.textContent = name;
      list.appendChild(item);
    });
    area.parentNode.insertBefore(list, area.nextSibling);
  }

  function draw(table) {
    var area = document.querySelector('[data-chart-for="' + table.id + '"]');
    if (!area || typeof window.Chartist === 'undefined') return;
    var heads = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.textContent.trim(); });
    var columns = (table.getAttribute('data-chart-columns') || '2').split(',').map(function (c) { return parseInt(c, 10) - 1; });
    var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr'));
    var labels = rows.map(function (tr) { return tr.cells[0].textContent.trim(); });
    var series = columns.map(function (c) {
      return rows.map(function (tr) { return tr.cells[c] ? number(tr.cells[c].textContent) : null; });
    });
    // Nothing to draw (every figure hidden or not given yet): no empty frame, the table says it.
    var any = series.some(function (s) { return s.some(function (v) { return v !== null; }); });
    if (!any) {
      area.parentNode.removeChild(area);
      return;
    }
    var percent = table.getAttribute('data-chart-percent') === '1';
    var line = table.getAttribute('data-chart') === 'line';
    // Bars lie down when there are many, or when their names would not fit under them (a phone).
    var horizontal = !line && (labels.length > 4 || area.clientWidth / labels.length < 90);
    var suffix = percent ? '%' : '';
    var axis = {onlyInteger: !percent, labelInterpolationFnc: function (v) { return v + suffix; }};
    var options = {low: 0, fullWidth: true, chartPadding: {right: line ? 56 : 16, left: 4}};
    if (horizontal) {
      // Long names (micro-credentials, counties) read along the left; the first row on top.
      area.style.height = Math.max(160, labels.length * 28 + 60) + 'px';
      options.horizontalBars = true;
      options.reverseData = true;
      options.axisX = axis;
      options.axisY = {offset: Math.min(160, Math.max(60, Math.max.apply(null, labels.map(function (l) { return l.length; })) * 7.5 + 8))};
    } else {
      options.axisY = axis;
    }
    if (line) new window.Chartist.LineChart(area, {labels: labels, series: series}, options);
    else new window.Chartist.BarChart(area, {labels: labels, series: series}, options);
    if (series.length > 1) legend(area, columns.map(function (c) { return heads[c] || ''; }));
    area.setAttribute('data-chart-drawn', line ? 'line' : 'bar');
    if (percent) area.setAttribute('data-percent', '1');
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
