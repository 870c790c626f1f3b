// Progressive enhancements for the comparison page; everything works without them.
(function () {
  "use strict";
  // "Copy" buttons: copy the code of the element named by data-copy, or select it to copy by hand.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-copy") + "-status");
    if (!field) return;
    function done(message) {
      if (status) status.textContent = message;
    }
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () { done("Copied to the clipboard."); },
        function () { done("Selected: press Ctrl+C (or ⌘+C) to copy."); }
      );
    } else {
      done("Selected: press Ctrl+C (or ⌘+C) to copy.");
    }
  });
  function reveal() {
    var buttons = document.querySelectorAll("[data-copy][hidden]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }
  reveal();
  document.addEventListener("htmx:afterSettle", reveal);

  // The filters panel (closed on phones), "Rows to show" (open in the server's HTML only
  // while rows are chosen) and the embed preview come back from each htmx swap as the server
  // drew them. A reader working in one is still working in it: keep it open and the focus on
  // the same box (of the filters or of the embed builder).
  var PANELS = [".filters-panel", ".rows-picker", ".embed-preview-panel"];
  var opened = [];
  var focused = null;
  document.addEventListener("htmx:beforeSwap", function () {
    var active = document.activeElement;
    opened = PANELS.filter(function (selector) {
      var panel = document.querySelector(selector);
      return panel && panel.open;
    });
    focused = active && active.id && active.closest(".filters, .embed-builder") ? active.id : null;
  });
  document.addEventListener("htmx:afterSwap", function () {
    opened.forEach(function (selector) {
      var panel = document.querySelector(selector);
      if (panel) panel.open = true;
    });
    var box = focused && document.getElementById(focused);
    if (box && document.activeElement !== box) box.focus();
  });
})();
