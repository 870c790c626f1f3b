// Sourcing Explained embeds: sizes each comparison iframe on this page to its content.
// Paste once per page, after the iframes. Accepts height messages only from the site that
// served this script, and only from the iframe that sent them.
// Also tells each embed this page's theme: the iframe's data-theme="light|dark" if it has
// one, else this page's prefers-color-scheme. An embed uses it only when its own address says
// theme=auto (the default); an explicit theme= in the address wins.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__sourcingExplainedEmbeds) return;
  window.__sourcingExplainedEmbeds = true;
  var origin = new URL(script.src).origin;
  var MIN_HEIGHT = 150;
  var MAX_HEIGHT = 12000;
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function ours(frame) {
    return frame.src.indexOf(origin + "/embed/") === 0;
  }

  function themeFor(frame) {
    var asked = frame.getAttribute("data-theme");
    if (asked === "light" || asked === "dark") return asked;
    return dark && dark.matches ? "dark" : "light";
  }

  // The target origin keeps a message from reaching a frame that has navigated elsewhere; a
  // frame still on about:blank throws, and asks by itself once loaded.
  function send(frame, message) {
    if (!frame.contentWindow) return;
    try {
      frame.contentWindow.postMessage(message, origin);
    } catch (error) {
      // Nothing to tell yet.
    }
  }

  function sendTheme(frame) {
    send(frame, { type: "sourcing-explained:theme", theme: themeFor(frame) });
  }

  // A transparent embed keeps its root's color-scheme at "normal" (site.css): the iframe
  // element must say the same, or Chromium paints an opaque backdrop behind the frame.
  function prepare(frame) {
    if (/[?&]transparent=1(&|#|$)/.test(frame.src)) frame.style.colorScheme = "normal";
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data) return;
    var frame = null;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length && !frame; i++) {
      if (frames[i].contentWindow === event.source) frame = frames[i];
    }
    if (!frame) return;
    if (ours(frame)) prepare(frame);
    if (data.type === "sourcing-explained:theme-request" && ours(frame)) sendTheme(frame);
    if (data.type !== "sourcing-explained:height") return;
    var height = Number(data.height);
    if (!isFinite(height)) return;
    height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(height)));
    frame.style.height = height + "px";
  });

  function everyFrame(action) {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (ours(frames[i])) action(frames[i]);
    }
  }

  // Frames that loaded before this script (it is async, or added late by a tag manager)
  // reported their height and asked for the theme with nobody listening: answer them now.
  everyFrame(function (frame) {
    prepare(frame);
    send(frame, { type: "sourcing-explained:measure" });
    sendTheme(frame);
  });

  if (dark) {
    var changed = function () { everyFrame(sendTheme); };
    if (dark.addEventListener) dark.addEventListener("change", changed);
    else if (dark.addListener) dark.addListener(changed);
  }
})();
