from django.contrib import admin

from editorial.admin import HistoryAdmin

from .models import Term


@admin.register(Term)
class TermAdmin(HistoryAdmin):
    list_display = ["name", "slug", "short_definition", "updated_at"]
    search_fields = ["name", "also_known_as", "short_definition", "definition"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["updated_at"]
    fields = [
        "name",
        "slug",
        "also_known_as",
        "short_definition",
        "definition",
        "updated_at",
        "version",
    ]
    view_on_site = True
