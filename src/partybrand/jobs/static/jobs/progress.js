/* A job's page while it runs: asks its progress address about once a second and draws the bar,
   the counts, the rate and the time left; when the job has ended the page is reloaded to show
   the result. */
(function () {
  "use strict";
  var box = document.querySelector("[data-job-progress]");
  if (!box) return;
  var url = box.getAttribute("data-job-progress");
  var part = function (name) { return box.querySelector('[data-job="' + name + '"]'); };
  var number = function (n) { return Number(n).toLocaleString("zh-CN"); };

  function duration(seconds) {
    if (seconds < 60) return Math.max(1, Math.round(seconds)) + " 秒";
    var minutes = Math.floor(seconds / 60);
    if (minutes < 60) return minutes + " 分 " + Math.round(seconds % 60) + " 秒";
    return Math.floor(minutes / 60) + " 小时 " + (minutes % 60) + " 分";
  }

  function draw(status) {
    part("state").textContent = status.state_label;
    part("phase").textContent = status.phase ? " · " + status.phase : "";
    var bar = part("bar");
    bar.style.width = status.percent + "%";
    bar.parentNode.setAttribute("aria-valuenow", status.percent);
    part("counts").textContent = status.total
      ? "已处理 " + number(status.done) + " / " + number(status.total) + " 行"
      : "正在准备……";
    var eta = [];
    if (status.rate) eta.push("每秒约 " + number(Math.round(status.rate)) + " 行");
    if (status.left !== null && status.left !== undefined && status.done < status.total) {
      eta.push("本阶段预计还需 " + duration(status.left));
    }
    part("eta").textContent = eta.join(" · ");
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status) return setTimeout(poll, 3000);
        draw(status);
        if (status.final) return window.location.reload();
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
