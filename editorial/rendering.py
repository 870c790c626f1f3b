"""Render-on-save: a model declares which Markdown field becomes which HTML field; this does it.

The pipeline, for every such field: shortcodes out (if the field takes them), Markdown to safe
HTML (`editorial.markup`), glossary terms linked (`editorial.terms`), shortcodes back in as
placeholders. It runs when a row is saved, never per request, and again for every row, in bulk,
when the glossary changes (`rerender_linked`).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models

from . import shortcodes
from .markup import render_document
from .signals import content_changed, content_will_change
from .terms import current_matcher, link_terms

DOCUMENT_MAX_LENGTH = 20_000  # characters: an article's body, some 3,000 words
PASSAGE_MAX_LENGTH = 5_000  # characters: a cell, a comparison's intro, a term's definition
TOO_LONG = (
    "This Markdown is %(length)s characters long; the most this field takes is %(limit)s. "
    "Shorten it, or split it in two."
)


@dataclass(frozen=True)
class Markdown:
    """One Markdown field of a model and where its rendering is stored.

    `max_length` is the most characters an editor can save in the field: `RendersMarkdown.clean()`
    refuses more, so the admin's forms and import_content (full_clean) do too. Rendering any text
    up to it takes well under a second, however hostile (bench/markdown_worst.py measures the
    worst inputs known); it is enforced there, not in the database, so no migration is needed.
    Unless given, it is DOCUMENT_MAX_LENGTH (20,000) for a field with a table of contents, which
    is a document (an article's body; the starter's longest is 5,463), and PASSAGE_MAX_LENGTH
    (5,000) for the others, which are a few paragraphs (comparison cells, comparison intros,
    glossary definitions; the starter's longest is 763).
    """

    source: str  # the field editors type Markdown into
    html: str  # the field that keeps its HTML
    toc: str = ""  # a JSON field that keeps its h2/h3 headings, if wanted
    shortcodes: bool = False  # whether [[...]] lines become placeholders
    link_terms: bool = True  # whether glossary terms are linked
    max_length: int | None = None  # characters; None: as said above

    def __post_init__(self):
        if self.max_length is None:
            default = DOCUMENT_MAX_LENGTH if self.toc else PASSAGE_MAX_LENGTH
            object.__setattr__(self, "max_length", default)

    @property
    def derived(self):
        return [name for name in (self.html, self.toc) if name]


def render_text(text, field, matcher=None, exclude_term=None):
    """(html, headings) for Markdown `text` rendered as `field` says."""
    if field.shortcodes:
        text, found = shortcodes.extract(text)
    document = render_document(text)
    html, headings = document.html, document.headings
    if field.link_terms:
        html = link_terms(html, matcher or current_matcher(), exclude_term)
    if field.shortcodes:
        html = shortcodes.restore(html, found)
        headings = [{**h, "name": shortcodes.restore_text(h["name"], found)} for h in headings]
    return html, headings


def length_error(field, text):
    """A ValidationError if `text` is longer than `field` takes, else None."""
    length = len(text or "")
    if length <= field.max_length:
        return None
    params = {"length": f"{length:,}", "limit": f"{field.max_length:,}"}
    return ValidationError(TOO_LONG, code="max_length", params=params)


class RendersMarkdown(models.Model):
    """Abstract base: `markdown_fields = [Markdown("body", "body_html"), ...]` on the model."""

    markdown_fields: list[Markdown] = []

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        only = None if update_fields is None else set(update_fields)
        self.render_markdown_fields(only)
        if only is not None:
            # A partial save that writes a Markdown field writes its HTML too.
            derived = {
                name
                for field in self.markdown_fields
                if not only.isdisjoint([field.source, *field.derived])
                for name in field.derived
            }
            kwargs["update_fields"] = only | derived
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.check_markdown_lengths()

    def check_markdown_lengths(self):
        """Raise ValidationError, at the field, for Markdown longer than its `max_length`
        (cheap: worth calling before rendering text from an untrusted source)."""
        errors = {}
        for field in self.markdown_fields:
            error = length_error(field, getattr(self, field.source))
            if error is not None:
                errors[field.source] = error
        if errors:
            raise ValidationError(errors)

    def own_term_slug(self):
        """A glossary term never linked in this row's HTML (a term's own definition)."""
        return None

    def render_markdown_fields(self, only=None, matcher=None):
        """Render the declared fields (those named in `only`, if given) into their HTML fields.
        Returns the names of the fields whose stored value changed."""
        changed = set()
        for field in self.markdown_fields:
            if only is not None and only.isdisjoint([field.source, *field.derived]):
                continue
            text = getattr(self, field.source)
            html, headings = render_text(text, field, matcher, self.own_term_slug())
            values = {field.html: html, field.toc: headings} if field.toc else {field.html: html}
            for name, value in values.items():
                if getattr(self, name) != value:
                    setattr(self, name, value)
                    changed.add(name)
        return changed


def rerender_linked(models, batch_size=200):
    """Render again every row of `models` whose HTML links glossary terms, after a glossary
    change: one bulk UPDATE per model (batched), only the HTML columns, so no revision, no
    version bump and no "updated" date; then one `content_changed` signal for all of it."""
    content_will_change.send(sender=rerender_linked)
    matcher = current_matcher()
    for model in models:
        fields = [f for f in getattr(model, "markdown_fields", []) if f.link_terms]
        if not fields:
            continue
        sources = {f.source for f in fields}
        changed, columns = [], set()
        for row in model._base_manager.order_by("pk").iterator():
            written = row.render_markdown_fields(sources, matcher)
            if written:
                changed.append(row)
                columns |= written
        if changed:
            model._base_manager.bulk_update(changed, sorted(columns), batch_size=batch_size)
    content_changed.send(sender=rerender_linked)
