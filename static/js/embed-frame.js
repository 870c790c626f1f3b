// Inside an embedded comparison: tell the page around the frame how tall the content is,
// on load, on every resize, after every htmx swap, and when the host page's sizing script
// asks (it may have arrived after the first report). Only a number travels.
// Also: show a pinned version's "newer version" line when the page came from a cache; take
// the host page's theme (embed.js) when this embed's own is "auto", and keep the
// compact filters' open menu open, and the focus where it was, across htmx swaps.
(function () {
  "use strict";
  var root = document.documentElement;

  // ---- the compact filters (embed_filters.html) ----
  var openMenus = [];
  var focused = null;
  document.addEventListener("htmx:beforeSwap", function () {
    openMenus = Array.prototype.map.call(
      document.querySelectorAll("details.embed-menu[open]"),
      function (menu) { return menu.id; }
    );
    focused = document.activeElement && document.activeElement.id;
  });
  document.addEventListener("htmx:afterSwap", function () {
    openMenus.forEach(function (id) {
      var menu = document.getElementById(id);
      if (menu) menu.open = true;
    });
    // htmx puts the focus back on an element with the same id, but not inside a menu that
    // was still closed at that moment: do it again now that the menu is open.
    var again = focused && document.getElementById(focused);
    if (again && again.closest("details.embed-menu") && document.activeElement !== again) {
      again.focus({ preventScroll: true });
    }
    openMenus = [];
    focused = null;
  });
  // Escape closes the open menu and leaves the focus on its button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !event.target.closest) return;
    var menu = event.target.closest("details.embed-menu[open]");
    if (!menu) return;
    menu.open = false;
    menu.querySelector("summary").focus();
  });

  // ---- a pinned version's "newer version" line ----
  // The pinned page is immutable, so a copy from a cache may predate the newest version (or
  // name one that is no longer the newest): ask this site for the newest number (same origin,
  // no cookies) and show it in the line when it is newer than this one.
  var notice = document.querySelector(".pinned-notice[data-latest-url]");
  if (notice && window.fetch) {
    fetch(notice.getAttribute("data-latest-url"), { credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (latest) {
        var pinned = Number(notice.getAttribute("data-number"));
        if (!latest || !(Number(latest.version) > pinned)) return;
        notice.querySelector(".newer-number").textContent = String(latest.version);
        notice.hidden = false;
      })
      .catch(function () {
        // Offline or refused: the line stays as the page was served.
      });
  }

  if (window.parent === window) return;

  // ---- the host page's theme ----
  // theme= in the embed's address wins: the host's message only resolves "auto".
  var followsHost = root.classList.contains("theme-auto");
  function applyTheme(theme) {
    root.classList.remove("theme-auto", "theme-light", "theme-dark");
    root.classList.add("theme-" + theme);
  }

  // ---- the height ----
  var last = 0;
  function report(force) {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last && force !== true) return;
    last = height;
    window.parent.postMessage({ type: "sourcing-explained:height", height: height }, "*");
  }
  window.addEventListener("load", report);
  window.addEventListener("resize", report);
  document.addEventListener("htmx:afterSettle", report);
  window.addEventListener("message", function (event) {
    // Only the embedding page may ask or tell; the answer is the same number anyone can see.
    if (event.source !== window.parent || !event.data) return;
    var data = event.data;
    if (data.type === "sourcing-explained:measure") report(true);
    if (
      data.type === "sourcing-explained:theme" &&
      followsHost &&
      (data.theme === "light" || data.theme === "dark")
    ) {
      applyTheme(data.theme);
    }
  });
  if ("ResizeObserver" in window) new ResizeObserver(report).observe(root);
  report();
  // Ask the host page for its theme; a sizing script that arrives later sends it unasked.
  if (followsHost) window.parent.postMessage({ type: "sourcing-explained:theme-request" }, "*");
})();
