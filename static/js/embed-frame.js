// Inside an embedded comparison: tell the page around the frame how tall the content is,
// on load, on every resize, after every htmx swap, and when the host page's sizing script
// asks (it may have arrived after the first report). Only a number travels.
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function report(force) {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last && force !== true) return;
    last = height;
    window.parent.postMessage({ type: "sourcing-explained:height", height: height }, "*");
  }
  window.addEventListener("load", report);
  window.addEventListener("resize", report);
  document.addEventListener("htmx:afterSettle", report);
  window.addEventListener("message", function (event) {
    // Only the embedding page may ask; the answer is the same number anyone can see.
    if (event.source !== window.parent) return;
    if (event.data && event.data.type === "sourcing-explained:measure") report(true);
  });
  if ("ResizeObserver" in window) new ResizeObserver(report).observe(document.documentElement);
  report();
})();
