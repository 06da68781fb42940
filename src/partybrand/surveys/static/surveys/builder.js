// The question builder shows only the fields the chosen question kind uses.
document.querySelectorAll(".pb-question-fields").forEach(function (box) {
  var kind = box.querySelector("select[name=kind]");
  function sync() {
    box.querySelectorAll("[data-kinds]").forEach(function (el) {
      el.hidden = el.getAttribute("data-kinds").split(" ").indexOf(kind.value) < 0;
    });
  }
  kind.addEventListener("change", sync);
  sync();
});
