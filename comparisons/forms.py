from django import forms
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from editorial.admin import VersionedForm

from .models import Cell
from .review_admin import ReviewForm


class CellForm(VersionedForm):
    """Checks that a cell's options come from its own row, with a message an editor can act on,
    and (VersionedForm) that nobody saved the cell since the form was opened: on its own page
    and inline on a strategy's or a dimension's page alike."""

    class Meta:
        model = Cell
        fields = ["strategy", "dimension", "text", "options", "version"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3, "cols": 60}),
            "options": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "options" in self.fields:
            options = self.fields["options"].queryset.select_related("dimension")
            dimension_id = getattr(self.instance, "dimension_id", None)
            if dimension_id:
                # A saved cell only ever needs its own row's options.
                options = options.filter(dimension_id=dimension_id)
            self.fields["options"].queryset = options
            # Reverting to a revision (the admin's History): offer that revision's options, not
            # the current ones, so the revert restores them too.
            revision = getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
            if revision is not None and not self.is_bound:
                self.initial["options"] = [row.option_id for row in revision.options.all()]

    def clean(self):
        cleaned = super().clean()
        dimension = cleaned.get("dimension") or getattr(self.instance, "dimension", None)
        options = cleaned.get("options")
        if dimension is None or not options:
            return cleaned
        stray = [o for o in options if o.dimension_id != dimension.id]
        if stray:
            names = ", ".join(f"“{o}”" for o in stray)
            self.add_error(
                "options",
                f"{names} cannot be chosen for the row “{dimension.name}”: "
                "pick only options of the cell's own row.",
            )
        if not dimension.filterable:
            self.add_error(
                "options",
                f"The row “{dimension.name}” is not filterable, so its cells take no options.",
            )
        return cleaned


class CellAdminForm(ReviewForm, CellForm):
    """The cell's own edit page: CellForm with the “Mark as reviewed today” checkbox."""
