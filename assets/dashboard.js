// dashboard.js: the dashboard's charts, drawn by Chart.js from the tables of
// their numbers (table[data-chart]): the first column names the periods,
// each other column is a series. The tables stay: for screen readers, for
// copying, and for a browser without JavaScript. Chart.js (70 KB packed) is
// fetched after the page is usable, so that on a slow link the page is read
// and used while the charts are still coming.
'use strict';
function drawCharts() {
  if (!window.Chart) return;
  var colours = ['#29a35a', '#f3a712', '#e4572e', '#1f5fbf'];
  var number = function (s) { return Number(String(s).replace(/[.,\s]/g, '')) || 0; };
  document.querySelectorAll('table[data-chart]').forEach(function (table) {
    var kind = table.getAttribute('data-chart');
    var heads = Array.prototype.map.call(table.tHead.rows[0].cells, function (c) { return c.textContent; });
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var labels = rows.map(function (r) { return r.cells[0].textContent; });
    // stacked bars: every column but the last (the total they add up to)
    var last = kind === 'stacked' ? heads.length - 1 : heads.length;
    var datasets = [];
    for (var c = 1; c < last; c++) {
      datasets.push({
        label: heads[c],
        data: rows.map(function (r) { return r.cells[c].textContent.trim() === '' ? null : number(r.cells[c].textContent); }),
        backgroundColor: colours[(c - 1) % colours.length],
        borderColor: colours[(c - 1) % colours.length],
        borderDash: kind === 'line' && c > 1 ? [6, 4] : [],
        spanGaps: true,
      });
    }
    var box = document.createElement('div');
    box.className = 'chart';
    var canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', table.caption ? table.caption.textContent : '');
    box.appendChild(canvas);
    table.parentNode.parentNode.insertBefore(box, table.parentNode);
    new window.Chart(canvas, {
      type: kind === 'line' ? 'line' : 'bar',
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false, maintainAspectRatio: false,
        scales: { x: { stacked: kind === 'stacked' }, y: { stacked: kind === 'stacked', beginAtZero: true } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  });
}
document.addEventListener('DOMContentLoaded', function () {
  var me = document.querySelector('script[data-chart-js]');
  if (!me || !document.querySelector('table[data-chart]')) return;
  var lib = document.createElement('script');
  lib.src = me.getAttribute('data-chart-js');
  lib.async = true;
  lib.onload = drawCharts;
  document.head.appendChild(lib);
});
