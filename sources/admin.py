from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join

from editorial.admin import HistoryAdmin
from editorial.autocomplete import CheckedAutocomplete

from .models import Source


def citing(source):
    """Every row that cites `source`: the rows of the many-to-many relations other apps draw
    to it (a cell's or an article's sources), found through the model's relations so this app
    never names them."""
    for relation in Source._meta.related_objects:
        if relation.many_to_many:
            # select_related(): what each row's name shows (a cell's strategy and dimension).
            yield from getattr(source, relation.get_accessor_name()).select_related()


def admin_link(obj):
    try:
        url = reverse(admin_urlname(obj._meta, "change"), args=[obj.pk])
    except NoReverseMatch:  # a model without an admin page
        return format_html("{} “{}”", obj._meta.verbose_name, obj)
    return format_html('<a href="{}">{} “{}”</a>', url, obj._meta.verbose_name, obj)


class SourceLinkInline(CheckedAutocomplete, admin.TabularInline):
    """The sources a row cites, in order: the inline of an ordered link model to Source
    (comparisons.CellSource, content.ArticleSource) on the citing row's admin page."""

    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "order"]


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = ["title", "publisher", "published", "accessed", "updated_at"]
    list_filter = ["publisher", "accessed"]
    search_fields = ["title", "publisher", "url"]
    # An address typed without its scheme is taken as https:// (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["used_by"]
    fields = ["title", "url", "publisher", "published", "accessed", "used_by", "version"]

    @admin.display(description="Used by")
    def used_by(self, obj):
        rows = list(citing(obj)) if obj.pk else []
        if not rows:
            return "Nothing cites this source yet."
        return format_html(
            '<ul class="used-by">{}</ul>',
            format_html_join("", "<li>{}</li>", ((admin_link(row),) for row in rows)),
        )
