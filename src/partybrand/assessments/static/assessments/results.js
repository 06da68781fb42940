/* Charts of the assessment results pages, registered with the platform's chart registry
   (static/partybrand/charts.js): data-chart="assessment-radar|-trend|-stars|-heat". */
(function () {
  "use strict";
  // Long names break into lines so a 390 px phone shows them whole.
  function wrap(text, size) {
    var out = [];
    for (var i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
    return out.join("\n");
  }
  function narrow(el) { return el.clientWidth < 480; }
  // The heat map's colour range follows its values, so close scores still differ in colour.
  function range(cells) {
    var values = cells.map(function (c) { return c[2]; }).filter(function (v) { return v !== null; });
    if (!values.length) return [0, 100];
    var min = Math.floor(Math.min.apply(null, values)), max = Math.ceil(Math.max.apply(null, values));
    if (max - min < 10) min = Math.max(0, max - 10);
    if (max === min) max = min + 1;
    return [min, max];
  }
  var register = window.PB.charts.register;

  register("assessment-radar", function (el, d, pb) {
    var dims = d.dimensions || [];
    var series = [{ name: "本组织", value: dims.map(function (x) { return x.percent; }), itemStyle: { color: pb.colour("red") }, areaStyle: { opacity: 0.15 } }];
    if (d.parent) series.push({ name: d.parent + "平均", value: dims.map(function (x) { return x.parent; }), itemStyle: { color: pb.colour("grey") }, lineStyle: { type: "dashed" } });
    if (d.peer) series.push({ name: "同级最佳：" + d.peer, value: dims.map(function (x) { return x.peer; }), itemStyle: { color: pb.colour("gold") } });
    return {
      tooltip: {}, legend: { bottom: 0 },
      radar: {
        indicator: dims.map(function (x) { return { name: x.name, max: 100 }; }),
        radius: narrow(el) ? "50%" : "62%", center: ["50%", "45%"],
        axisName: { color: pb.colour("ink"), formatter: function (name) { return wrap(name, narrow(el) ? 4 : 8); } }
      },
      series: [{ type: "radar", data: series }]
    };
  });

  register("assessment-trend", function (el, d, pb) {
    var t = d.trend || [];
    return {
      tooltip: { trigger: "axis" }, grid: { left: 40, right: 20, top: 20, bottom: 30 },
      xAxis: { type: "category", data: t.map(function (x) { return x.period; }) },
      yAxis: { type: "value", min: 0, max: 100 },
      series: [{ type: "line", data: t.map(function (x) { return x.score; }), itemStyle: { color: pb.colour("red") }, label: { show: true } }]
    };
  });

  register("assessment-stars", function (el, d, pb) {
    var s = d.stars || [];
    return {
      tooltip: {}, grid: { left: 36, right: 10, top: 28, bottom: 40 },
      xAxis: {
        type: "category", data: s.map(function (x) { return x.name; }),
        axisLabel: { interval: 0, formatter: function (name) { return name.replace("/", "/\n"); } }
      },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: s.map(function (x) { return x.value; }), itemStyle: { color: pb.colour("red") }, label: { show: true, position: "top" } }]
    };
  });

  register("assessment-heat", function (el, d, pb) {
    var bounds = range(d.cells || []);
    return {
      tooltip: { formatter: function (p) { return d.rows[p.value[1]] + "<br>" + d.columns[p.value[0]] + "：" + (p.value[2] === null ? "—" : p.value[2] + "%"); } },
      grid: { left: 10, right: 20, top: 50, bottom: 10, containLabel: true },
      xAxis: { type: "category", data: d.columns, axisLabel: { interval: 0, rotate: narrow(el) ? 45 : 20 } },
      yAxis: { type: "category", data: d.rows, inverse: true, axisLabel: { width: narrow(el) ? 80 : 140, overflow: "truncate" } },
      visualMap: {
        min: bounds[0], max: bounds[1], calculable: true, orient: "horizontal", left: "center", top: 0,
        itemHeight: 120, precision: 0, formatter: function (v) { return Math.round(v) + "%"; },
        inRange: { color: [pb.colour("heat-low"), pb.colour("heat-mid"), pb.colour("red")] }
      },
      series: [{ type: "heatmap", data: d.cells, label: { show: true } }]
    };
  });
})();
