from django.contrib import admin

from editorial.admin import CheckedActions

from .models import ChangeEntry, Version


class ChangeEntryInline(admin.TabularInline):
    model = ChangeEntry
    fields = ["kind", "subject", "before", "after"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Version)
class VersionAdmin(CheckedActions, admin.ModelAdmin):
    """The change log as editors see it: written by the site, only its public note editable
    (to mend a typo); a version is never added or removed by hand."""

    list_display = ["comparison", "number", "created_at", "note", "editor"]
    list_filter = ["comparison"]
    search_fields = ["note", "entries__subject"]
    fields = ["comparison", "number", "created_at", "editor", "note"]
    readonly_fields = ["comparison", "number", "created_at", "editor"]
    inlines = [ChangeEntryInline]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
