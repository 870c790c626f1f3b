/* The keyboard's way to order an admin inline (editorial.admin.OrderedInline), beside
   dragging (django-admin-sortable2): each saved row gets "Up" and "Down" buttons named after
   the row ("Move Offshoring up"), and the new place is announced in a live region. Like a drag,
   a move renumbers the rows' hidden order fields 1, 2, 3...; saving the page saves the order. */
(function () {
  "use strict";

  function rowsOf(tbody) {
    return Array.from(tbody.querySelectorAll("tr.has_original"));
  }

  // What the row is: the choice of its first field (a strategy, a row, an article) or its text.
  function nameOf(row) {
    const cell = row.querySelector('td[class^="field-"]:not(.hidden)');
    const select = cell && cell.querySelector("select");
    if (select && select.selectedIndex >= 0) {
      return select.options[select.selectedIndex].text.trim();
    }
    const input = cell && cell.querySelector("input:not([type=hidden])");
    return (input && input.value.trim()) || "this row";
  }

  // Only after a move: numbers left as stored keep an untouched page unchanged when saved.
  function renumber(tbody) {
    rowsOf(tbody).forEach(function (row, index) {
      const order = row.querySelector("input._reorder_");
      if (order) {
        order.value = String(index + 1);
      }
    });
  }

  function nameButtons(tbody) {
    rowsOf(tbody).forEach(function (row) {
      const text = nameOf(row);
      row.querySelector(".order-up").setAttribute("aria-label", "Move " + text + " up");
      row.querySelector(".order-down").setAttribute("aria-label", "Move " + text + " down");
    });
  }

  function move(button, step) {
    const row = button.closest("tr");
    const tbody = row.parentElement;
    const rows = rowsOf(tbody);
    const from = rows.indexOf(row);
    const to = from + step;
    const status = tbody.closest("fieldset").querySelector(".ordering-status");
    const name = nameOf(row);
    if (to < 0 || to >= rows.length) {
      status.textContent = name + " is already " + (step < 0 ? "first." : "last.");
      return;
    }
    if (step < 0) {
      rows[to].before(row);
    } else {
      rows[to].after(row);
    }
    renumber(tbody);
    button.focus(); // moving the row took the focus away from its button
    status.textContent = name + " moved to position " + (to + 1) + " of " + rows.length + ".";
  }

  function button(className, text, step) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "button " + className;
    element.textContent = text;
    element.addEventListener("click", function () {
      move(element, step);
    });
    return element;
  }

  function init(fieldset) {
    const tbody = fieldset.querySelector("table tbody");
    if (!tbody) {
      return;
    }
    rowsOf(tbody).forEach(function (row) {
      const group = document.createElement("span");
      group.className = "ordering-buttons";
      group.append(button("order-up", "Up", -1), " ", button("order-down", "Down", 1));
      row.querySelector("td.original").append(group);
    });
    const status = document.createElement("p");
    status.className = "ordering-status";
    status.setAttribute("role", "status");
    fieldset.append(status);
    nameButtons(tbody);
    // A row's choice changed: its buttons' names follow.
    tbody.addEventListener("change", function () {
      nameButtons(tbody);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("fieldset.sortable").forEach(init);
  });
})();
