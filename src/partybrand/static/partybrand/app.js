// Small behaviours shared by every page, attached by data attributes: pages carry no inline
// script, so the Content-Security-Policy can forbid it.
(function () {
  "use strict";

  // data-confirm on a form or a submit button: ask before sending.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var question = (button && button.dataset.confirm) || form.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-action='print'], [data-copy-from], .tree .toggle");
    if (!target) return;
    if (target.dataset.action === "print") {
      window.print();
    } else if (target.dataset.copyFrom) {
      var source = document.getElementById(target.dataset.copyFrom);
      if (source && navigator.clipboard) {
        navigator.clipboard.writeText(source.value || source.textContent).then(function () {
          target.textContent = "已复制";
        });
      }
    } else {
      var icon = target.querySelector("i");
      if (icon) icon.className = "bi bi-caret-down-fill";
    }
  });

  // The tree's expanders open with Enter too.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    if (event.target.matches(".tree .toggle")) {
      event.preventDefault();
      event.target.click();
    } else if (event.target.matches("[data-no-enter-submit]")) {
      event.preventDefault();
    }
  });
})();
