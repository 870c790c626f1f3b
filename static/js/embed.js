// Sourcing Explained embeds: sizes each comparison iframe on this page to its content.
// Paste once per page, after the iframes. Accepts height messages only from the site that
// served this script, and only from the iframe that sent them.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__sourcingExplainedEmbeds) return;
  window.__sourcingExplainedEmbeds = true;
  var origin = new URL(script.src).origin;
  var MIN_HEIGHT = 150;
  var MAX_HEIGHT = 12000;

  window.addEventListener("message", function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || data.type !== "sourcing-explained:height") return;
    var height = Number(data.height);
    if (!isFinite(height)) return;
    height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(height)));
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = height + "px";
        return;
      }
    }
  });

  // Frames that loaded before this script (it is async, or added late by a tag manager)
  // reported their height to nobody: ask them again. The target origin keeps the question
  // from reaching a frame that has navigated elsewhere.
  var frames = document.getElementsByTagName("iframe");
  for (var i = 0; i < frames.length; i++) {
    if (frames[i].src.indexOf(origin + "/embed/") === 0 && frames[i].contentWindow) {
      try {
        frames[i].contentWindow.postMessage({ type: "sourcing-explained:measure" }, origin);
      } catch (error) {
        // A frame still on about:blank: it reports by itself once loaded.
      }
    }
  }
})();
