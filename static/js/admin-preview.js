/* The Preview button of the admin's Markdown fields (editorial.widgets.MarkdownTextarea):
   posts the field's text, as typed, to the model's preview address and shows the answer below
   the field, in a live region. Nothing is saved. */
(function () {
  "use strict";

  // The buttons show only where this script runs (admin-editing.css): without it they could
  // do nothing.
  document.documentElement.classList.add("markdown-preview-ready");

  function token(form) {
    const input = form && form.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  function showMessage(region, text) {
    const message = document.createElement("p");
    message.className = "errornote";
    message.textContent = text;
    region.replaceChildren(message);
  }

  function preview(button) {
    const editor = button.closest(".markdown-editor");
    const textarea = editor.querySelector("textarea");
    const region = editor.querySelector(".markdown-preview");
    const body = new FormData();
    body.append("field", button.dataset.field);
    body.append("text", textarea.value);
    // A glossary term's definition does not link to the term itself: say which it is.
    const slug = button.form && button.form.querySelector("input[name=slug]");
    if (slug && slug.value) body.append("slug", slug.value);
    body.append("csrfmiddlewaretoken", token(button.form));
    // Not disabled while it waits: that would take the keyboard's focus away.
    region.setAttribute("aria-busy", "true");
    fetch(button.dataset.previewUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" },
    })
      .then(function (response) {
        return response.text().then(function (text) {
          if (response.redirected) {
            showMessage(region, "You are signed out: sign in again (in another tab), then retry.");
          } else if (response.ok) {
            region.innerHTML = text; // the site's own sanitised rendering
          } else {
            showMessage(region, text.length < 500 ? text : "The preview could not be made.");
          }
        });
      })
      .catch(function () {
        showMessage(region, "The preview could not be made: the site did not answer.");
      })
      .finally(function () {
        region.removeAttribute("aria-busy");
      });
  }

  // On the document, so that inline rows added later have working buttons too.
  document.addEventListener("click", function (event) {
    const button = event.target.closest(".markdown-preview-button");
    if (button) {
      preview(button);
    }
  });
})();
