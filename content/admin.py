from django.contrib import admin
from django.template.loader import render_to_string

from comparisons.live_tables import resolve
from editorial import preview, shortcodes
from editorial.admin import HistoryAdmin, OrderedInline
from editorial.autocomplete import CheckedAutocomplete
from sources.admin import SourceLinkInline

from .models import Article, ArticleSource, SuggestedArticle


class ArticleSourceInline(SourceLinkInline):
    model = ArticleSource


class SuggestedArticleInline(CheckedAutocomplete, OrderedInline):
    """The articles suggested at the end of this one, in the order they are dragged into."""

    model = SuggestedArticle
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["suggested"]
    fields = ["suggested", "order"]


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    list_display = ["title", "status", "published_at", "updated_at"]
    list_filter = ["status", "published_at"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    readonly_fields = ["updated_at"]
    inlines = [ArticleSourceInline, SuggestedArticleInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "version"]}),
        ("Publishing", {"fields": ["status", "published_at", "updated_at"]}),
    ]
    actions = ["publish", "unpublish"]

    # "version" among update_fields: publishing is an edit, so open forms become outdated
    # and the history records it.
    @admin.action(description="Publish the selected articles")
    def publish(self, request, queryset):
        for article in queryset:
            article.status = Article.Status.PUBLISHED
            article.save(update_fields=["status", "updated_at", "version"])

    @admin.action(description="Turn the selected articles back into drafts")
    def unpublish(self, request, queryset):
        for article in queryset:
            article.status = Article.Status.DRAFT
            article.save(update_fields=["status", "updated_at", "version"])


def fill_live_tables(request, html):
    """An article body's preview, its live tables and maps filled in as on the article page."""
    parts = resolve(shortcodes.split(html))
    return render_to_string("content/article_parts.html", {"parts": parts}, request)


preview.fill_shortcodes_with(fill_live_tables)
