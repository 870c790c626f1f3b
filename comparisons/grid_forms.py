"""The editor of one cell of the grid (comparisons.grid_admin), built from the cell's own admin.

Its form is the class CellAdmin gives its own page (CellAdminForm: the version check, options of
the cell's row only, "Mark as reviewed today", the public "Reason for this change"); its sources
are the CellSource inline's formset; and a save goes through CellAdmin's save_model,
save_related and change log, as a save on the cell's page does. Only the widgets differ: plain
selects instead of the admin's autocomplete, which needs scripts the grid does not load.
"""

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import ValidationError
from django.forms.formsets import all_valid

from .models import Cell, CellSource

# Posted by the editor of a cell nobody had written: if the cell exists by the time it is
# saved, someone else wrote it meanwhile, and saving would overwrite their text unseen.
NEW_CELL = "grid_new"
EDITOR_FIELDS = ["text", "options", "version"]


def editor_media(cell_admin, request):
    """The scripts and styles the editor's widgets need (a Markdown field's preview), for the
    grid page to load at once: the editors come later, through htmx, which loads none."""
    return cell_admin.get_form(request, fields=EDITOR_FIELDS)().media


def _unwrapped(form, name):
    """The plain widget of a field the admin wrapped with its add/change links (popups)."""
    field = form.fields.get(name)
    if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
        field.widget = field.widget.widget


class CellEditor:
    """The form and the sources formset of the cell of `strategy` x `dimension` (`cell`, or
    None when nobody wrote it yet), bound to the request's POST if there is one."""

    def __init__(self, cell_admin, request, strategy, dimension, cell):
        self.admin = cell_admin
        self.request = request
        self.strategy, self.dimension = strategy, dimension
        self.adding = cell is None
        self.cell = Cell(strategy=strategy, dimension=dimension) if cell is None else cell
        data = request.POST if request.method == "POST" else None
        self.new_cell_taken = data is not None and not self.adding and data.get(NEW_CELL) == "1"
        # Options only in a filterable row: any other refuses them (CellForm.clean).
        fields = EDITOR_FIELDS if dimension.filterable else ["text", "version"]
        obj = None if self.adding else cell
        form_class = cell_admin.get_form(request, obj, change=not self.adding, fields=fields)
        # Ids of their own: several cells' editors may be open at once, each label naming its
        # own field.
        self.auto_id = f"id_cell{strategy.pk}x{dimension.pk}_%s"
        self.form = form_class(data, instance=self.cell, auto_id=self.auto_id)
        self.form.fields["text"].widget.attrs.update(autofocus=True, rows=6)
        if "options" in self.form.fields:
            _unwrapped(self.form, "options")  # drawn as the row's checkboxes
            # The row is the editor's legend: each box says its option alone.
            self.form.fields["options"].label_from_instance = lambda option: option.label
        self.sources = self._sources_formset(data, obj)

    def _sources_formset(self, data, obj):
        """The CellSource inline's formset, or None for an editor who may not edit sources
        (the admin then leaves the inline out as well)."""
        inline = next(
            (
                i
                for i in self.admin.get_inline_instances(self.request, obj)
                if i.model is CellSource
            ),
            None,
        )
        if inline is None or not inline.has_change_permission(self.request, obj):
            return None
        formset_class = inline.get_formset(
            self.request, obj, extra=1, widgets={"source": forms.Select}
        )
        formset = formset_class(data, instance=self.cell, prefix="sources", auto_id=self.auto_id)
        for form in [*formset.forms, formset.empty_form]:
            _unwrapped(form, "source")
        return formset

    @property
    def formsets(self):
        return [self.sources] if self.sources is not None else []

    def save(self):
        """Validate, then save as CellAdmin's page does; whether it was saved. Raises
        EditConflict (or IntegrityError, for a new cell) when another editor's save won the
        race after the checks: call it inside a transaction, and again on a fresh editor."""
        form = self.form
        valid = form.is_valid()
        if self.new_cell_taken:
            form.add_error(
                None, ValidationError(self.cell.conflict_message(), code="edit_conflict")
            )
        if not (all_valid(self.formsets) and valid and not form.errors):
            return False
        admin, request, change = self.admin, self.request, not self.adding
        cell = admin.save_form(request, form, change=change)
        admin.save_model(request, cell, form, change)
        admin.save_related(request, form, self.formsets, change)
        message = admin.construct_change_message(request, form, self.formsets, self.adding)
        if self.adding:
            admin.log_addition(request, cell, message)
        else:
            admin.log_change(request, cell, message)
        return True
