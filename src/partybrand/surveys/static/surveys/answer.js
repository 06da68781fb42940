// The answer page: keeps a half-filled answer in this browser (localStorage) on every change,
// restores it on the next visit, and submits in the background so that a dropped connection
// shows a message instead of an error page. Without this script the form still posts normally.
(function () {
  "use strict";
  var OFFLINE = "网络连接已断开，您的答案已保存在本机。恢复网络后请再次点击“提交”。";

  function store(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch (e) { /* private mode or storage full: the form still works */ }
  }
  function load(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.tagName !== "BUTTON" && el.tagName !== "FIELDSET";
    });
  }

  function collect(form) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) (data[el.name] = data[el.name] || []).push(el.value);
      } else {
        data[el.name] = [el.value];
      }
    });
    return data;
  }

  function restore(form, data) {
    fields(form).forEach(function (el) {
      var values = data[el.name] || [];
      if (el.type === "checkbox" || el.type === "radio") el.checked = values.indexOf(el.value) >= 0;
      else el.value = values.length ? values[0] : "";
    });
  }

  function say(text) {
    var box = document.getElementById("net-msg");
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
    box.scrollIntoView({ block: "center" });
  }

  function clearDone() {
    var done = document.querySelector("[data-clear-draft]");
    if (done) store(done.getAttribute("data-clear-draft"), null);
  }

  function init() {
    clearDone();
    var form = document.getElementById("answer-form");
    if (!form) return;
    var key = form.getAttribute("data-draft-key");
    var save = function () { store(key, JSON.stringify({ savedAt: Date.now(), data: collect(form) })); };

    if (form.getAttribute("data-restore") === "1") {
      var saved = load(key);
      if (saved) {
        try {
          restore(form, JSON.parse(saved).data || {});
          var note = document.getElementById("draft-restored");
          if (note) note.hidden = false;
        } catch (e) { store(key, null); }
      }
    }
    var clear = document.getElementById("draft-clear");
    if (clear) clear.addEventListener("click", function (ev) {
      ev.preventDefault();
      store(key, null);
      restore(form, {});
      document.getElementById("draft-restored").hidden = true;
    });
    form.addEventListener("input", save);
    form.addEventListener("change", save);

    form.addEventListener("submit", function (ev) {
      save();
      if (!window.fetch || !window.FormData || !window.DOMParser) return; // plain post
      ev.preventDefault();
      if (navigator.onLine === false) { say(OFFLINE); return; }
      var button = document.getElementById("submit-answer");
      var label = button ? button.textContent : "";
      if (button) { button.disabled = true; button.textContent = "正在提交…"; }
      var again = function () { if (button) { button.disabled = false; button.textContent = label; } };
      fetch(form.action || window.location.href, {
        method: "POST", body: new FormData(form), credentials: "same-origin"
      }).then(function (r) {
        return r.text().then(function (html) { return { r: r, html: html }; });
      }).then(function (res) {
        if (res.r.redirected) { store(key, null); window.location.assign(res.r.url); return; }
        var doc = new DOMParser().parseFromString(res.html, "text/html");
        var root = doc.getElementById("answer-root");
        if (!root) {
          again();
          say("提交未成功（" + res.r.status + "），答案已保存在本机，请刷新页面后再试。");
          return;
        }
        document.getElementById("answer-root").innerHTML = root.innerHTML;
        init();
        var first = document.querySelector("#error-summary, [data-testid=answer-closed], [data-testid=answer-message]");
        (first || document.body).scrollIntoView({ block: "start" });
      }).catch(function () { again(); say(OFFLINE); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
