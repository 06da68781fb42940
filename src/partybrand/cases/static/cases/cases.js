/* 典型案例 pages: the live count of the body, inserting a platform fact into a part, and moving
   the cases of a 汇编 up and down (the order the chosen boxes are posted in is the book's). */
(function () {
  "use strict";

  function chars(text) {
    return Array.from(text.replace(/\s/g, "")).length;
  }

  function setupCount(box) {
    var limit = parseInt(box.getAttribute("data-limit"), 10) || 3000;
    var form = box.closest("form") || document;
    var fields = form.querySelectorAll("textarea[data-case-body='1']");
    var shown = box.querySelector("[data-count]");
    function update() {
      var total = 0;
      fields.forEach(function (field) {
        total += chars(field.value);
        var own = document.querySelector("[data-part-count='" + field.name + "']");
        if (own) { own.textContent = chars(field.value) + " 字"; }
      });
      shown.textContent = total;
      var over = total > limit;
      box.classList.toggle("text-danger", over);
      box.classList.toggle("fw-bold", over);
      box.setAttribute("data-over", over ? "1" : "0");
    }
    fields.forEach(function (field) { field.addEventListener("input", update); });
    update();
  }

  function insertFact(button) {
    var target = document.getElementById(button.getAttribute("data-target"));
    if (!target) { return; }
    var text = button.getAttribute("data-fact");
    var value = target.value;
    target.value = value + (value && !/\n$/.test(value) ? "\n" : "") + text;
    target.dispatchEvent(new Event("input", { bubbles: true }));
    target.focus();
  }

  function move(button) {
    var row = button.closest("[data-book-row]");
    if (!row) { return; }
    if (button.getAttribute("data-move") === "up" && row.previousElementSibling) {
      row.parentNode.insertBefore(row, row.previousElementSibling);
    } else if (button.getAttribute("data-move") === "down" && row.nextElementSibling) {
      row.parentNode.insertBefore(row.nextElementSibling, row);
    }
    renumber(row.parentNode);
    button.focus();
  }

  function renumber(list) {
    var n = 0;
    list.querySelectorAll("[data-book-row]").forEach(function (row) {
      var box = row.querySelector("input[type=checkbox]");
      var label = row.querySelector("[data-position]");
      if (box && box.checked) { n += 1; label.textContent = n; } else if (label) { label.textContent = "—"; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-case-count]").forEach(setupCount);
    document.querySelectorAll("[data-book]").forEach(function (list) {
      renumber(list);
      list.addEventListener("change", function () { renumber(list); });
    });
  });
  document.addEventListener("click", function (event) {
    var fact = event.target.closest("[data-fact]");
    if (fact) { event.preventDefault(); insertFact(fact); return; }
    var mover = event.target.closest("[data-move]");
    if (mover) { event.preventDefault(); move(mover); }
  });
})();
