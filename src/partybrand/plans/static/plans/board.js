/* 挂图作战 / 甘特图: when the board is wider than the screen (phones), scroll its time area so
   that today's line is in view on load, about a third from the left of the visible track. */
(function () {
  "use strict";
  function scrollToToday(box) {
    var line = box.querySelector(".pb-board-today");
    if (!line || box.scrollWidth <= box.clientWidth) return;
    var label = box.querySelector(".pb-board-label");
    var labelWidth = label ? label.getBoundingClientRect().width : 0;
    var boxLeft = box.getBoundingClientRect().left;
    var x = line.getBoundingClientRect().left - boxLeft + box.scrollLeft; // in the content
    var track = box.clientWidth - labelWidth; // what the sticky labels leave visible
    box.scrollLeft = Math.max(0, x - labelWidth - track / 3);
  }
  function init() {
    document.querySelectorAll("[data-board-scroll]").forEach(scrollToToday);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
