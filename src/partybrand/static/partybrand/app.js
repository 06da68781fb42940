// Small behaviours shared by every page, attached by data attributes: pages carry no inline
// script, so the Content-Security-Policy can forbid it.
(function () {
  "use strict";

  // data-confirm on a form or a submit button: ask before sending. A form that posts is sent
  // once: a second click (or Enter) while the first is on its way is ignored and its buttons
  // are disabled. The server carries a create out once anyway (a one-time submission token);
  // this spares the person a second wait. Forms that send themselves (htmx, the survey answer
  // page) prevent the default first and are left alone.
  var SENT_FOR_MS = 10000; // then the buttons come back: a download leaves the page in place

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var question = (button && button.dataset.confirm) || form.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
    if (event.defaultPrevented || (form.getAttribute("method") || "").toLowerCase() !== "post") {
      return;
    }
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
    // Disabled only after the browser has read the form: a disabled button's name and value
    // (the assistant's "action") would be left out of what is sent.
    window.setTimeout(function () {
      form.querySelectorAll("button:not([type=button]), input[type=submit]").forEach(function (b) {
        if (b.disabled) return; // disabled by the page itself: it stays so
        b.disabled = true;
        b.dataset.sentDisabled = "1";
      });
    }, 0);
    window.setTimeout(function () { release(form); }, SENT_FOR_MS);
  });

  function release(form) {
    delete form.dataset.sent;
    form.querySelectorAll("[data-sent-disabled]").forEach(function (b) {
      b.disabled = false;
      delete b.dataset.sentDisabled;
    });
  }

  // Back to a page kept in the browser's cache: its forms may be sent again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.querySelectorAll("form[data-sent]").forEach(release);
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

  // data-check-all="field": a checkbox that ticks or clears every box of that field in its form.
  document.addEventListener("change", function (event) {
    var all = event.target.closest("[data-check-all]");
    if (!all || !all.form) return;
    all.form.querySelectorAll("input[type=checkbox][name='" + all.dataset.checkAll + "']")
      .forEach(function (box) { box.checked = all.checked; });
  });

  // data-link-kinds="video,news" on a kind select: the form's [data-link-field] is shown only
  // for those kinds, or while it holds an address (a refused form keeps what was typed).
  function showLinkField(select) {
    var field = select.form && select.form.querySelector("[data-link-field]");
    if (!field) return;
    var wanted = select.dataset.linkKinds.split(",").indexOf(select.value) >= 0;
    var wrapper = field.closest(".mb-3") || field;
    wrapper.hidden = !(wanted || field.value);
  }
  document.querySelectorAll("select[data-link-kinds]").forEach(showLinkField);
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-link-kinds]")) showLinkField(event.target);
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
