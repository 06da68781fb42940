// The theme workshop's vote results: <div data-theme-chart="votes" data-source="json-id">.
(function () {
  function draw(el) {
    var source = document.getElementById(el.dataset.source);
    if (!source || !window.echarts) return;
    var rows = JSON.parse(source.textContent);
    var chart = echarts.init(el);
    chart.setOption({
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      // The tooltip is HTML: a candidate's name is typed by members, so it is escaped.
      tooltip: { trigger: "axis", formatter: function (p) { return echarts.format.encodeHTML(p[0].name) + "：" + p[0].value + " 票"; } },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.name; }) },
      series: [{
        type: "bar",
        data: rows.map(function (r, i) { return { value: r.value, itemStyle: { color: i === 0 ? "#c62828" : "#e57373" } }; }),
        label: { show: true, position: "right", formatter: "{c} 票" },
        barMaxWidth: 28
      }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-theme-chart='votes']").forEach(draw);
  });
})();
