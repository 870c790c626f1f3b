// Inside an embedded comparison: tell the page around the frame how tall the content is,
// on load, on every resize and after every htmx swap. Only a number travels.
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function report() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "sourcing-explained:height", height: height }, "*");
  }
  window.addEventListener("load", report);
  window.addEventListener("resize", report);
  document.addEventListener("htmx:afterSettle", report);
  if ("ResizeObserver" in window) new ResizeObserver(report).observe(document.documentElement);
  report();
})();
