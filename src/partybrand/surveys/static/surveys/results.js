/* Charts of the survey results page, registered with the platform's chart registry
   (static/partybrand/charts.js): each question's chart and word cloud, and the breakdowns. */
(function () {
  "use strict";
  var register = window.PB.charts.register;

  function pie(el, rows, pb) {
    var shown = rows.filter(function (r) { return r.value > 0; }); // the table lists the zeros
    el.style.height = "240px";
    return {
      color: pb.series(),
      tooltip: { trigger: "item", formatter: "{b}：{c}（{d}%）" },
      series: [{ type: "pie", radius: ["38%", "66%"], center: ["50%", "50%"], data: shown,
        label: { formatter: "{b}\n{c}（{d}%）" } }]
    };
  }
  function bars(el, rows, pb, opts) {
    opts = opts || {};
    el.style.height = Math.max(140, 44 * rows.length + 40) + "px";
    return {
      grid: { left: 8, right: 40, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: { type: "value", minInterval: opts.interval || 1, name: opts.axisName || "" },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.name; }),
        axisLabel: { width: 160, overflow: "truncate" } },
      series: [{ type: "bar", barMaxWidth: 26, data: rows.map(function (r) { return r.value; }),
        itemStyle: { color: pb.colour(opts.colour || "red") }, label: { show: true, position: "right" } }]
    };
  }
  function columns(el, rows, pb) {
    el.style.height = "220px";
    return {
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: rows.map(function (r) { return r.name; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", barMaxWidth: 36, data: rows.map(function (r) { return r.value; }),
        itemStyle: { color: pb.colour("red") }, label: { show: true, position: "top" } }]
    };
  }

  // One question's chart: data-item is the question's id in "question-data".
  register("survey-question", function (el, q, pb) {
    var chart = q.chart;
    if (!chart) return null;
    if (chart.type === "pie") return pie(el, chart.data, pb);
    if (chart.type === "column") return columns(el, chart.data, pb);
    if (chart.type === "rank") return bars(el, chart.data, pb, { interval: 0.5, axisName: "平均名次", colour: "gold" });
    return bars(el, chart.data, pb);
  });

  register("survey-cloud", function (el, q, pb) {
    if (!q.keywords || !q.keywords.length) return null;
    var palette = pb.series();
    return {
      tooltip: { formatter: "{b}：{c} 人提到" },
      series: [{
        type: "wordCloud", shape: "circle", gridSize: 6, sizeRange: [14, 46], rotationRange: [0, 0],
        width: "100%", height: "100%", drawOutOfBound: false,
        textStyle: { fontWeight: "bold", color: function () { return palette[Math.floor(Math.random() * palette.length)]; } },
        data: q.keywords
      }]
    };
  });

  register("survey-bars", function (el, rows, pb) { return bars(el, rows, pb); });
  register("survey-pie", function (el, rows, pb) { return pie(el, rows, pb); });
})();
