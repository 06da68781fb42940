// Small wrappers around ECharts so templates only pass data.
window.pbCharts = (function () {
  var red = "#c62828";
  function init(id) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) return null;
    var chart = echarts.init(el);
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }
  function bar(id, rows) {
    var chart = init(id);
    if (!chart) return;
    chart.setOption({
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.name; }) },
      series: [{ type: "bar", data: rows.map(function (r) { return r.value; }), itemStyle: { color: red }, label: { show: true, position: "right" } }]
    });
  }
  function kpi(id, k) {
    var chart = init(id);
    if (!chart) return;
    var dates = [k.baseline_on].concat(k.values.map(function (v) { return v.date; }));
    var actual = [k.baseline].concat(k.values.map(function (v) { return v.value; }));
    chart.setOption({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      legend: { data: ["实际值", "目标值"], top: 0 },
      xAxis: { type: "category", data: dates },
      yAxis: { type: "value", scale: true, name: k.unit },
      series: [
        { name: "实际值", type: "line", data: actual, itemStyle: { color: red }, label: { show: true } },
        { name: "目标值", type: "line", data: dates.map(function () { return k.target; }), lineStyle: { type: "dashed", color: "#d4a017" }, itemStyle: { color: "#d4a017" }, symbol: "none" }
      ]
    });
  }
  return { bar: bar, kpi: kpi };
})();
