/**
 * The report page's script (plain browser JavaScript, inlined after uPlot): draws every chart of the
 * embedded report data with uPlot, with dashed vertical markers and CI error bars drawn in uPlot's
 * draw hook. Times are shown in UTC, so the page looks the same on every machine.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  var markerColours = { interruption: '#d62728', scaling: '#2ca02c', deployment: '#9467bd', timeline: '#ff7f0e' };
  function overlay(chart) {
    return {
      hooks: {
        draw: [function (u) {
          var ctx = u.ctx;
          ctx.save();
          ctx.lineWidth = 1;
          chart.markers.forEach(function (m) {
            var x = Math.round(u.valToPos(m.x, 'x', true));
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
            ctx.strokeStyle = markerColours[m.kind];
            ctx.globalAlpha = 0.55;
            ctx.setLineDash([4, 3]);
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
          });
          ctx.setLineDash([]);
          ctx.globalAlpha = 1;
          chart.series.forEach(function (s, k) {
            if (!s.low || !s.high) return;
            ctx.strokeStyle = palette[k % palette.length];
            chart.x.forEach(function (xv, i) {
              if (s.low[i] === null || s.high[i] === null) return;
              var x = u.valToPos(xv, 'x', true);
              var y1 = u.valToPos(s.low[i], 'y', true);
              var y2 = u.valToPos(s.high[i], 'y', true);
              ctx.beginPath();
              ctx.moveTo(x, y1); ctx.lineTo(x, y2);
              ctx.moveTo(x - 4, y1); ctx.lineTo(x + 4, y1);
              ctx.moveTo(x - 4, y2); ctx.lineTo(x + 4, y2);
              ctx.stroke();
            });
          });
          ctx.restore();
        }]
      }
    };
  }
  // Ticks with as many digits as the tick spacing needs (uPlot's default rounds 0.9995 to 1).
  function tickText(u, splits, axisIdx, space, incr) {
    var digits = Math.max(0, Math.min(8, -Math.floor(Math.log10(incr || 1)) + 1));
    return splits.map(function (v) { return v === null ? '' : String(Number(v.toFixed(digits))); });
  }
  data.charts.forEach(function (chart) {
    var el = document.getElementById('chart-' + chart.id);
    var few = chart.x.length < 40;
    var series = [{ label: chart.time ? 'time' : 'x' }].concat(chart.series.map(function (s, i) {
      var colour = palette[i % palette.length];
      return {
        label: s.label,
        stroke: colour,
        width: s.style === 'points' ? 0 : 1.5,
        paths: s.style === 'step' ? uPlot.paths.stepped({ align: 1 }) : s.style === 'points' ? function () { return null; } : undefined,
        points: { show: s.style === 'points' || few, size: s.style === 'points' ? 9 : 5, fill: colour, stroke: colour }
      };
    }));
    var opts = {
      width: Math.max(320, el.clientWidth || 900),
      height: 260,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
      scales: { x: { time: chart.time } },
      axes: [
        chart.time ? { label: chart.xLabel } : { label: chart.xLabel, values: tickText },
        { label: chart.yLabel, size: 80, values: tickText }
      ],
      series: series,
      plugins: [overlay(chart)]
    };
    var values = [chart.x].concat(chart.series.map(function (s) { return s.values; }));
    new uPlot(opts, values, el);
    var plotted = 0;
    chart.series.forEach(function (s) { s.values.forEach(function (v) { if (v !== null) plotted++; }); });
    el.setAttribute('data-rendered', String(plotted));
  });
})();
`;
