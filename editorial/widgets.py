"""The admin's Markdown textarea, with a Preview button (static/js/admin-preview.js).

The button posts the text to the model admin's preview address (`editorial.preview`) and shows
what comes back below the field, in a live region, so a screen reader hears it too. Nothing
is saved. Without JavaScript the button is not shown: it could do nothing.
"""

from django import forms
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html


def preview_url_name(model):
    """The admin URL name of the preview of `model`'s Markdown (HistoryAdmin.get_urls)."""
    return f"{model._meta.app_label}_{model._meta.model_name}_preview"


class MarkdownTextarea(forms.Textarea):
    def __init__(self, model, field_name, attrs=None):
        super().__init__(attrs)
        self.model = model
        self.field_name = field_name

    class Media:
        js = ["js/admin-preview.js"]
        css = {"all": ["css/admin-editing.css"]}

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        try:
            url = reverse(f"admin:{preview_url_name(self.model)}")
        except NoReverseMatch:  # a model without an admin of its own: no preview
            return textarea
        return format_html(
            '<div class="markdown-editor">{}'
            '<p class="markdown-preview-controls"><button type="button" '
            'class="button markdown-preview-button" data-preview-url="{}" data-field="{}">'
            'Preview</button> <span class="markdown-preview-note">'
            "Shows the text as readers will see it, without saving it.</span></p>"
            '<div class="markdown-preview" aria-live="polite"></div></div>',
            textarea,
            url,
            self.field_name,
        )


def with_preview(form):
    """Give each Markdown field of `form`'s model (its `markdown_fields`) the preview widget,
    keeping the attributes (size, class) the form chose for its textarea."""
    model = form._meta.model
    for spec in getattr(model, "markdown_fields", []):
        field = form.fields.get(spec.source)
        if field is not None and not field.widget.is_hidden:
            field.widget = MarkdownTextarea(model, spec.source, attrs=field.widget.attrs)
