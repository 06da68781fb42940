// Charts of the survey results page: one per question, the breakdowns, and word clouds.
(function () {
  "use strict";
  if (!window.echarts) return;
  var RED = "#c62828";
  var PALETTE = ["#c62828", "#d4a017", "#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037", "#ad1457", "#455a64"];
  var charts = [];
  function make(id, option, height) {
    var el = document.getElementById(id);
    if (!el) return;
    if (height) el.style.height = height + "px";
    var chart = echarts.init(el);
    chart.setOption(option);
    charts.push(chart);
  }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });

  function pie(id, rows) {
    var shown = rows.filter(function (r) { return r.value > 0; }); // the table lists the zeros
    make(id, {
      color: PALETTE,
      tooltip: { trigger: "item", formatter: "{b}：{c}（{d}%）" },
      series: [{ type: "pie", radius: ["38%", "66%"], center: ["50%", "50%"], data: shown,
        label: { formatter: "{b}\n{c}（{d}%）" } }]
    }, 240);
  }
  function bars(id, rows, opts) {
    opts = opts || {};
    make(id, {
      grid: { left: 8, right: 40, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: { type: "value", minInterval: opts.interval || 1, name: opts.axisName || "" },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.name; }),
        axisLabel: { width: 160, overflow: "truncate" } },
      series: [{ type: "bar", barMaxWidth: 26, data: rows.map(function (r) { return r.value; }),
        itemStyle: { color: opts.color || RED }, label: { show: true, position: "right" } }]
    }, Math.max(140, 44 * rows.length + 40));
  }
  function columns(id, rows) {
    make(id, {
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: rows.map(function (r) { return r.name; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", barMaxWidth: 36, data: rows.map(function (r) { return r.value; }),
        itemStyle: { color: RED }, label: { show: true, position: "top" } }]
    }, 220);
  }
  function cloud(id, words) {
    make(id, {
      tooltip: { formatter: "{b}：{c} 人提到" },
      series: [{
        type: "wordCloud", shape: "circle", gridSize: 6, sizeRange: [14, 46], rotationRange: [0, 0],
        width: "100%", height: "100%", drawOutOfBound: false,
        textStyle: { fontWeight: "bold", color: function () { return PALETTE[Math.floor(Math.random() * PALETTE.length)]; } },
        data: words
      }]
    });
  }

  var questions = JSON.parse(document.getElementById("question-data").textContent);
  Object.keys(questions).forEach(function (id) {
    var q = questions[id];
    var chart = q.chart;
    if (chart) {
      if (chart.type === "pie") pie("chart-" + id, chart.data);
      else if (chart.type === "column") columns("chart-" + id, chart.data);
      else if (chart.type === "rank") bars("chart-" + id, chart.data, { interval: 0.5, axisName: "平均名次", color: "#d4a017" });
      else bars("chart-" + id, chart.data);
    }
    if (q.keywords && q.keywords.length) cloud("cloud-" + id, q.keywords);
  });
  var breakdown = JSON.parse(document.getElementById("breakdown-data").textContent);
  bars("chart-orgs", breakdown.orgs);
  pie("chart-statuses", breakdown.statuses);
})();
