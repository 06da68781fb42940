/* The one chart registry. A page declares a chart in markup and ships its data as JSON:

     <div class="chart" data-chart="<kind>" data-source="<json_script id>" [data-item="<key>"]></div>
     {{ value|json_script:"<json_script id>" }}

   data-item picks one entry of the data: the element of a list whose id is the key, or the
   object's member of that name. A module says how a kind is drawn, once:

     PB.charts.register("<kind>", function (el, data, pb) { return echartsOption; });

   and this file draws every declared chart when the page is ready (and inside content htmx
   swaps in). Colours are the CSS variables of app.css (--pb-red, --pb-gold, …), read with
   pb.colour("red") or pb.series() (the categorical order), so every chart shares one palette
   and one party red. Loaded on every page by base.html; pages with charts add ECharts. */
(function () {
  "use strict";
  var PB = (window.PB = window.PB || {});
  var builders = {};
  var charts = [];
  var SERIES = ["red", "gold", "blue", "green", "purple", "orange", "teal", "brown", "pink", "slate"];

  function colour(name) {
    return getComputedStyle(document.documentElement).getPropertyValue("--pb-" + name).trim();
  }
  function series() {
    return SERIES.map(colour);
  }
  var helpers = { colour: colour, series: series };

  function dataOf(el) {
    var source = document.getElementById(el.dataset.source);
    if (!source) return null;
    var data = JSON.parse(source.textContent);
    var item = el.dataset.item;
    if (item === undefined || data === null) return data;
    if (Array.isArray(data)) {
      return data.find(function (d) { return String(d.id) === item; }) || null;
    }
    return Object.prototype.hasOwnProperty.call(data, item) ? data[item] : null;
  }

  function draw(el) {
    var build = builders[el.dataset.chart];
    if (!build || !window.echarts || el.dataset.chartDrawn) return;
    var data = dataOf(el);
    if (data === null) return;
    var option = build(el, data, helpers); // a builder may size the element first
    if (!option) return;
    el.dataset.chartDrawn = "true";
    var chart = window.echarts.init(el);
    chart.setOption(option);
    charts.push(chart);
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(draw);
  }

  function register(kind, build) {
    builders[kind] = build;
    if (document.readyState !== "loading") drawAll(); // a module loaded after the page
  }

  window.addEventListener("resize", function () {
    charts.forEach(function (c) { c.resize(); });
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawAll(); });
  }
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.target); });

  PB.charts = { register: register, draw: drawAll, colour: colour, series: series };

  // The platform's own kinds: a horizontal bar of counts, and a KPI's line against its target.
  register("bar", function (el, rows, pb) {
    return {
      // room on the right for the value label of the longest bar
      grid: { left: 8, right: 32, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.name; }) },
      series: [{
        type: "bar", data: rows.map(function (r) { return r.value; }),
        itemStyle: { color: pb.colour("red") }, label: { show: true, position: "right" }
      }]
    };
  });

  register("kpi", function (el, k, pb) {
    var red = pb.colour("red"), gold = pb.colour("gold");
    var dates = [k.baseline_on].concat(k.values.map(function (v) { return v.date; }));
    var actual = [k.baseline].concat(k.values.map(function (v) { return v.value; }));
    return {
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      legend: { data: ["实际值", "目标值"], top: 0 },
      xAxis: { type: "category", data: dates },
      yAxis: { type: "value", scale: true, name: k.unit },
      series: [
        { name: "实际值", type: "line", data: actual, itemStyle: { color: red }, label: { show: true } },
        {
          name: "目标值", type: "line", data: dates.map(function () { return k.target; }),
          lineStyle: { type: "dashed", color: gold }, itemStyle: { color: gold }, symbol: "none"
        }
      ]
    };
  });
})();
