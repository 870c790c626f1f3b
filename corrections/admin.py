"""The editors' queue of readers' suggestions: read, fix the cell, then accept or reject.

Everything a reader typed is shown as text, escaped (the admin escapes plain strings; the
helpers below build HTML with format_html only). Nothing here edits a suggestion's text.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from comparisons.models import Cell
from editorial.admin import CheckedActions

from . import decisions
from .models import Status, Suggestion

NOT_LINKED = (
    "The cell has not been edited since this suggestion arrived: edit it, then accept the "
    "suggestion again to link the change."
)

NO_SAVE_BUTTONS = ["show_save", "show_save_and_continue", "show_save_and_add_another"]


def cell_admin_url(suggestion):
    """The cell's edit page; its add page, filled in, when nobody wrote the cell yet."""
    cell = Cell.objects.filter(
        strategy=suggestion.strategy_id, dimension=suggestion.dimension_id
    ).first()
    if cell is not None:
        return reverse("admin:comparisons_cell_change", args=[cell.pk]), cell
    query = urlencode({"strategy": suggestion.strategy_id, "dimension": suggestion.dimension_id})
    return reverse("admin:comparisons_cell_add") + "?" + query, None


@admin.register(Suggestion)
class SuggestionAdmin(CheckedActions, admin.ModelAdmin):
    list_display = ["created_at", "status", "comparison", "cell", "short_text"]
    list_filter = ["status", "comparison"]
    list_select_related = ["comparison", "strategy", "dimension"]
    search_fields = ["text", "source_url", "email", "strategy__name", "dimension__name"]
    date_hierarchy = "created_at"
    actions = ["accept_selected", "reject_selected"]
    fieldsets = [
        (None, {"fields": ["comparison", "cell_link", "texts", "source_link", "email"]}),
        ("Decision", {"fields": ["created_at", "status", "decided_by", "decided_at"]}),
        ("Result", {"fields": ["change_link"]}),
    ]
    readonly_fields = [
        "comparison",
        "cell_link",
        "texts",
        "source_link",
        "email",
        "created_at",
        "status",
        "decided_by",
        "decided_at",
        "change_link",
    ]

    def has_add_permission(self, request):
        return False  # readers add suggestions, on the site

    @admin.display(description="Cell", ordering="strategy__name")
    def cell(self, obj):
        return obj.cell_name

    @admin.display(description="Suggestion")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 80 else obj.text[:79] + "…"

    @admin.display(description="Cell")
    def cell_link(self, obj):
        url, cell = cell_admin_url(obj)
        action = "Edit the cell" if cell else "Write the cell (nobody has yet)"
        return format_html('{} · <a href="{}">{}</a>', obj.cell_name, url, action)

    @admin.display(description="Texts")
    def texts(self, obj):
        _url, cell = cell_admin_url(obj)
        now = cell.text if cell else ""
        return format_html(
            '<table class="suggestion-texts"><thead><tr><th scope="col">When suggested</th>'
            '<th scope="col">The cell now</th><th scope="col">The reader suggests</th></tr>'
            "</thead><tbody><tr><td>{}</td><td>{}</td><td>{}</td></tr></tbody></table>",
            linebreaksbr(obj.current_text or "(empty)"),
            linebreaksbr(now or "(empty)"),
            linebreaksbr(obj.text),
        )

    @admin.display(description="Source")
    def source_link(self, obj):
        if not obj.source_url:
            return "-"
        # A reader's link: never followed with our referrer's trust, never passed rank.
        return format_html(
            '<a href="{}" rel="noopener nofollow noreferrer" target="_blank">{}</a>',
            obj.source_url,
            obj.source_url,
        )

    @admin.display(description="Resulting change")
    def change_link(self, obj):
        if obj.change is not None:
            url = obj.change.version.get_absolute_url()
            return format_html('<a href="{}">{}</a>', url, str(obj.change))
        return NOT_LINKED if obj.status == Status.ACCEPTED else "-"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Nothing to save: the decision has buttons of its own (the template's).
        context = {**(extra_context or {}), **dict.fromkeys(NO_SAVE_BUTTONS, False)}
        return super().change_view(request, object_id, form_url, context)

    def get_urls(self):
        decide = self.admin_site.admin_view(self.decide_view)
        own = [path("<path:object_id>/decide/", decide, name="corrections_suggestion_decide")]
        return own + super().get_urls()

    def decide_view(self, request, object_id):
        """The Accept and Reject buttons of a suggestion's page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        suggestion = self.get_object(request, unquote(object_id))
        if suggestion is None:
            raise Http404("No such suggestion.")
        if not self.has_change_permission(request, suggestion):
            raise PermissionDenied
        decision = request.POST.get("decision")
        if decision == "Accept":
            self._accept(request, [suggestion])
        elif decision == "Reject":
            self._reject(request, [suggestion])
        else:
            return HttpResponseBadRequest("Choose Accept or Reject.")
        return redirect(suggestion.get_admin_url())

    def _accept(self, request, suggestions):
        linked = 0
        for suggestion in suggestions:
            change = decisions.accept(suggestion, request.user)
            linked += change is not None
            # In the admin's history of the suggestion, and the dashboard's latest edits.
            self.log_change(request, suggestion, f"Accepted; change linked: {change or 'none'}.")
        count = len(suggestions)
        noun = "suggestion" if count == 1 else "suggestions"
        self.message_user(request, f"Accepted {count} {noun}.", messages.SUCCESS)
        if linked:
            self.message_user(request, f"Linked {linked} to the change that fixed the cell.")
        if linked < count:
            waiting = "" if count == 1 else f"{count - linked} of them: "
            self.message_user(request, waiting + NOT_LINKED, messages.WARNING)

    def _reject(self, request, suggestions):
        for suggestion in suggestions:
            decisions.reject(suggestion, request.user)
            self.log_change(request, suggestion, "Rejected.")
        self.message_user(request, f"Rejected {len(suggestions)}.", messages.SUCCESS)

    # Listed first: the list may be filtered on the status that deciding changes.
    @admin.action(description="Accept selected suggestions", permissions=["change"])
    def accept_selected(self, request, queryset):
        self._accept(request, list(queryset))

    @admin.action(description="Reject selected suggestions", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._reject(request, list(queryset))
