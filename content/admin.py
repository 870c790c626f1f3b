from django.contrib import admin

from editorial.admin import HistoryAdmin
from sources.admin import SourceLinkInline

from .models import Article, ArticleSource


class ArticleSourceInline(SourceLinkInline):
    model = ArticleSource


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    list_display = ["title", "status", "published_at", "updated_at"]
    list_filter = ["status", "published_at"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    readonly_fields = ["updated_at"]
    autocomplete_fields = ["related"]
    inlines = [ArticleSourceInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "version"]}),
        ("Publishing", {"fields": ["status", "published_at", "updated_at"]}),
        ("Suggestions", {"fields": ["related"]}),
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
