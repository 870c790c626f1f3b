"""Marking cells and comparisons reviewed in the admin: a checkbox on the edit page, and an
action on the list for many at once. Both go through `reviews.mark_reviewed`, never through the
row's save: a review is not an edit (see comparisons.reviews)."""

from django import forms
from django.contrib import admin, messages

from editorial.admin import VersionedForm

from .reviews import REVIEW_FIELDS, mark_reviewed

CHECKBOX = "mark_reviewed"


class ReviewForm(VersionedForm):
    """A versioned edit form with a “Mark as reviewed today” checkbox. The checkbox is not a
    change of the row: ticked alone, the row is not saved (no new version, no revision)."""

    mark_reviewed = forms.BooleanField(
        label="Mark as reviewed today",
        required=False,
        help_text="Tick when you have checked this against its sources: “last reviewed” "
        "becomes today, with your name. A review is not an edit: the history does not change.",
    )

    @property
    def changed_data(self):
        return [name for name in super().changed_data if name != CHECKBOX]


class ReviewAdmin:
    """A ModelAdmin mixin for models built on comparisons.reviews.Reviewed, whose form is a
    ReviewForm: the review shown and set in a fieldset of its own, and the list's action."""

    actions = ["mark_selected_reviewed"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *REVIEW_FIELDS]

    def get_fieldsets(self, request, obj=None):
        own = [*REVIEW_FIELDS, CHECKBOX]
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in own]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        return [*fieldsets, ("Review", {"fields": own})]

    @admin.action(
        description="Mark selected %(verbose_name_plural)s as reviewed today",
        permissions=["change"],
    )
    def mark_selected_reviewed(self, request, queryset):
        count = mark_reviewed(queryset, request.user)
        opts = self.model._meta
        name = opts.verbose_name if count == 1 else opts.verbose_name_plural
        self.message_user(request, f"Marked {count} {name} as reviewed today.", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get(CHECKBOX):
            mark_reviewed(self.model._base_manager.filter(pk=obj.pk), request.user)
