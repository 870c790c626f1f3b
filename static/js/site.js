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

  // "Rows to show" is open in the server's HTML only while rows are chosen. A reader who
  // unticks the last one is still working in it: keep it open and the focus on that box.
  var rowsOpen = false;
  var rowsFocus = null;
  document.addEventListener("htmx:beforeSwap", function () {
    var picker = document.querySelector(".rows-picker");
    var active = document.activeElement;
    rowsOpen = !!(picker && picker.open);
    rowsFocus = rowsOpen && active && active.id && picker.contains(active) ? active.id : null;
  });
  document.addEventListener("htmx:afterSwap", function () {
    var picker = document.querySelector(".rows-picker");
    if (picker && rowsOpen) picker.open = true;
    var box = rowsFocus && document.getElementById(rowsFocus);
    if (box && document.activeElement !== box) box.focus();
  });
})();
