"""Admin building blocks shared by every content model: version-checked forms and history."""

from functools import cached_property

from adminsortable2.admin import CustomInlineFormSet, SortableAdminBase, SortableTabularInline
from django import forms
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from . import changenotes
from .autocomplete import CheckedAutocomplete
from .preview import markdown_preview
from .search import index as search_index
from .versioning import EditConflict
from .widgets import preview_url_name, with_preview


def same_text(initial, posted):
    """Whether posted text says what was stored: browsers send textarea lines ending in CR LF,
    and fields strip the ends, so neither counts as an editor's change."""
    if not isinstance(initial, str) or not isinstance(posted, str):
        return False
    return initial.replace("\r\n", "\n").strip() == posted.replace("\r\n", "\n").strip()


class VersionedForm(forms.ModelForm):
    """An edit form that refuses to save over changes made since the editor opened it.

    The version the form was opened at travels in a hidden field; a different version in the
    database means someone else saved meanwhile. The form is then shown again with the editor's
    own input and a message saying who saved, so nothing typed is lost. Used for every model
    built on editorial.versioning.Versioned, inline forms included (comparisons.forms.CellForm).

    Text sent back unchanged (but for line endings and surrounding spaces) is no change: the
    stored value is kept, and an inline form with nothing else changed is not saved at all, so
    opening and saving a page never makes other editors' forms outdated.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" in self.fields:
            self.fields["version"].widget = forms.HiddenInput()
            # A post without it (a script, a page opened before versions existed) is saved
            # unchecked, as before, rather than refused.
            self.fields["version"].required = False
        with_preview(self)  # a Preview button under each Markdown field

    def _unchanged_text(self, name):
        field = self.fields[name]
        if not isinstance(field, forms.CharField) or self.instance._state.adding:
            return False
        initial = self.get_initial_for_field(field, name)
        posted = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        return same_text(initial, posted)

    @cached_property
    def changed_data(self):
        return [name for name in super().changed_data if not self._unchanged_text(name)]

    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            if name in cleaned and self._unchanged_text(name):
                cleaned[name] = self.get_initial_for_field(self.fields[name], name)
        if "version" not in self.fields or self.instance._state.adding:
            return cleaned
        # self.instance was read from the database when this request began.
        posted = cleaned.get("version")
        if posted is None:
            cleaned["version"] = self.instance.version
        elif posted != self.instance.version:
            self.add_error(
                None, ValidationError(self.instance.conflict_message(), code="edit_conflict")
            )
        return cleaned


def note_field():
    return forms.CharField(
        label="Reason for this change",
        required=False,
        max_length=changenotes.MAX_LENGTH,
        help_text="Optional, public: shown in the comparison's change log beside this change.",
    )


class CheckedActions:
    """A ModelAdmin mixin: an action posted with a malformed selected id is a 400.

    The admin filters by the selected ids as sent: "abc" or a NUL byte raised a 500. Every
    admin of the site has it (content admins through HistoryAdmin, the others: pages.admin).
    """

    def response_action(self, request, queryset):
        for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
            try:
                self.model._meta.pk.clean(value, None)
            except (ValidationError, ValueError) as error:
                raise SuspiciousOperation("Malformed id in an admin action") from error
        return super().response_action(request, queryset)


class OrderedFormSet(CustomInlineFormSet):
    """The rows of an OrderedInline: their order is part of the object they belong to."""

    orders_parent = True

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:  # a checkbox in a table column: named for screen readers
            label = f"Delete “{form.instance}”" if form.instance.pk else "Delete this row"
            form.fields["DELETE"].widget.attrs["aria-label"] = label

    def save_existing(self, form, obj, commit=True):
        # A post without a row's number (none a page sends) leaves the row where it was.
        if getattr(obj, self.default_order_field) is None:
            setattr(obj, self.default_order_field, form.initial.get(self.default_order_field, 0))
        return super().save_existing(form, obj, commit)


class OrderedInline(SortableTabularInline):
    """Rows an editor puts in order by dragging them (django-admin-sortable2) or with their
    Move up and Move down buttons (static/js/admin-ordering.js), never by typing numbers: the
    model's first `ordering` field becomes a hidden field, numbered 1, 2, 3... from the rows'
    places when the page is saved. The save is the page's own (HistoryAdmin): a new order is a
    change of the object, with its version check, revision and change log."""

    formset = OrderedFormSet

    class Media:
        js = ["js/admin-ordering.js"]
        css = {"all": ["css/admin-editing.css"]}


class HistoryAdmin(CheckedAutocomplete, CheckedActions, SortableAdminBase, SimpleHistoryAdmin):
    """The admin of a content model: version-checked forms, revision history, and pages that
    answer a malformed address or form with 404 or 400 rather than a server error. Its inlines
    may be OrderedInlines; its Markdown fields have a preview (`editorial.preview`)."""

    form = VersionedForm

    def get_urls(self):
        urls = super().get_urls()
        if not getattr(self.model, "markdown_fields", None):
            return urls
        view = self.admin_site.admin_view(self.markdown_preview_view)
        return [path("preview/", view, name=preview_url_name(self.model)), *urls]

    def markdown_preview_view(self, request):
        return markdown_preview(request, self)

    def _check_ids(self, object_id, version_id=None):
        # simple-history passes the ids in the URL straight to queries: "abc" raised a 500.
        try:
            self.model._meta.pk.to_python(unquote(object_id))
            if version_id is not None:
                self.model.history.model._meta.pk.to_python(version_id)
        except (ValidationError, ValueError) as error:
            raise Http404("No such revision.") from error

    def history_view(self, request, object_id, extra_context=None):
        self._check_ids(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_ids(object_id, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The editor's public note travels with the save to whatever records the change.
        note = request.POST.get(changenotes.FIELD_NAME) if request.method == "POST" else None
        with changenotes.noting(note, request.user):
            try:
                return super().changeform_view(request, object_id, form_url, extra_context)
            except EditConflict:
                # Another editor's save won the race after this form passed its version check
                # (the database refused this one, and the transaction rolled back). Asked
                # again, the form sees the newer version and shows the conflict with this
                # editor's text kept.
                return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if getattr(self.model, "public_change_note", False):
            kwargs["form"] = type(self.form.__name__, (self.form,), {"change_note": note_field()})
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if getattr(self.model, "public_change_note", False):
            fields = [changenotes.FIELD_NAME]
            fieldsets = [
                *[
                    (name, {**opts, "fields": [f for f in opts["fields"] if f not in fields]})
                    for name, opts in fieldsets
                ],
                ("Public change log", {"fields": fields}),
            ]
        return fieldsets

    def save_model(self, request, obj, form, change):
        reverting = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is not None
        if change and not reverting and not edited(form):
            return  # nothing typed: no new version, no revision, no outdated forms elsewhere
        if reverting and not self.model._base_manager.filter(pk=obj.pk).exists():
            # Reverting a revision of a deleted row brings it back, with its own id.
            obj._state.adding = True
        super().save_model(request, obj, form, change)

    # What a save or a delete touches is re-indexed for search once, at its end, inside its
    # transaction (`search_index.batched`), not once per row: deleting a strategy deletes its
    # cells, each touching the strategy's pairs.
    def delete_model(self, request, obj):
        with search_index.batched():
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic(using=queryset.db), search_index.batched():
            super().delete_queryset(request, queryset)

    def save_related(self, request, form, formsets, change):
        with search_index.batched():
            super().save_related(request, form, formsets, change)
            reordered = any(
                getattr(f, "orders_parent", False) and f.has_changed() for f in formsets
            )
            if change and reordered and not edited(form):
                # Its rows alone changed (a new order): still an edit of the object, saved as
                # one, so its version goes up (an editor who opened the page before gets the
                # conflict message instead of undoing this order) and its history records it.
                form.instance.save()


def edited(form):
    """Whether the editor changed anything of the object itself; a note alone is no change:
    there is nothing for it to explain."""
    return any(name != changenotes.FIELD_NAME for name in form.changed_data)
