/* The theme workshop's vote results, registered with the platform's chart registry
   (static/partybrand/charts.js): <div data-chart="theme-votes" data-source="json-id">. */
(function () {
  "use strict";
  window.PB.charts.register("theme-votes", function (el, rows, pb) {
    var lead = pb.colour("red"), others = pb.colour("red-light");
    return {
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      // The tooltip is HTML: a candidate's name is typed by members, so it is escaped.
      tooltip: { trigger: "axis", formatter: function (p) { return window.echarts.format.encodeHTML(p[0].name) + "：" + p[0].value + " 票"; } },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.name; }) },
      series: [{
        type: "bar",
        data: rows.map(function (r, i) { return { value: r.value, itemStyle: { color: i === 0 ? lead : others } }; }),
        label: { show: true, position: "right", formatter: "{c} 票" },
        barMaxWidth: 28
      }]
    };
  });
})();
