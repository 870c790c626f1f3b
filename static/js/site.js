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
})();
