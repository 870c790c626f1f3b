"""Preview of a Markdown field in the admin: the text as readers will see it, nothing saved.

The text goes through the pipeline a save uses (`rendering.render_text`: sanitised, glossary
terms linked, shortcodes made placeholders), then the placeholders are filled in as the public
page fills them, by whatever an app registered with `fill_shortcodes_with` (content does: live
tables and maps); this core module knows no app. The view is a model admin's (HistoryAdmin
adds it to its URLs), so it is staff only, CSRF-checked and never cached, and it answers only
those allowed to add or change that model. It takes no more text than a save would.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.template.loader import render_to_string

from .rendering import length_error, render_text

_fillers = []


def fill_shortcodes_with(function):
    """Register `function(request, html) -> html`, which fills in the shortcode placeholders of
    rendered HTML as the public page would."""
    if function not in _fillers:
        _fillers.append(function)


class PreviewForm(forms.Form):
    field = forms.CharField(max_length=100)
    # As the edit form's field reads it (ends stripped), so the length counts the same; and,
    # like it, it refuses NUL bytes.
    text = forms.CharField(required=False)
    # The form's slug as typed, if it has one: a glossary term's definition never links to
    # the term itself (`own_term_slug`), as when it is saved.
    slug = forms.CharField(required=False, max_length=200)


def message(text, status):
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


def markdown_preview(request, model_admin):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not (model_admin.has_change_permission(request) or model_admin.has_add_permission(request)):
        raise PermissionDenied
    form = PreviewForm(request.POST)
    if not form.is_valid():
        problems = [f"{name}: {error}" for name, errors in form.errors.items() for error in errors]
        return message("The preview could not be made. " + " ".join(problems), 400)
    name, text = form.cleaned_data["field"], form.cleaned_data["text"]
    spec = next((f for f in model_admin.model.markdown_fields if f.source == name), None)
    if spec is None:
        verbose = model_admin.model._meta.verbose_name
        return message(f"A {verbose} has no Markdown field named “{name[:40]}”.", 400)
    too_long = length_error(spec, text)
    if too_long is not None:
        return message(too_long.messages[0], 413)
    html, _ = render_text(text, spec, exclude_term=_own_term(model_admin.model, form))
    for fill in _fillers if spec.shortcodes else []:
        html = fill(request, html)
    context = {"html": html, "empty": not text.strip()}
    return HttpResponse(render_to_string("admin/editorial/markdown_preview.html", context, request))


def _own_term(model, form):
    """The term the edited row is, as its save would read it (`own_term_slug`), or None."""
    slug = form.cleaned_data["slug"]
    if not slug or "slug" not in {f.name for f in model._meta.get_fields()}:
        return None
    return model(slug=slug).own_term_slug()
