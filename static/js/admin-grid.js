// The grid editor (templates/admin/comparisons/grid.html): a click anywhere in a cell opens its
// editor, as its "Edit" link does; Escape in an editor cancels it. Without this file the links
// still open the editor, and without JavaScript they open the cell's own admin page.
(function () {
  "use strict";
  var ACTIVE = "a, button, input, select, textarea, label, summary";

  document.addEventListener("click", function (event) {
    var cell = event.target.closest(".grid-cell");
    // A link in the cell's text, or anything inside an open editor, keeps its own meaning.
    if (!cell || event.target.closest(ACTIVE) || cell.querySelector("form")) return;
    var edit = cell.querySelector(".grid-edit");
    if (edit) edit.click();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var form = event.target.closest && event.target.closest(".grid-editor-form");
    var cancel = form && form.querySelector(".grid-cancel");
    if (!cancel) return;
    event.preventDefault();
    // htmx binds swapped-in content only once it settles (20 ms later): a quick Escape would
    // otherwise follow the link's plain href, a jump to the cell that leaves the editor open.
    if (window.htmx) window.htmx.process(cancel);
    cancel.click();
  });
})();
