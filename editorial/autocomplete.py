"""Admin choice fields that answer a hostile form with its own message, never a server error.

When a form comes back with errors, Django's autocomplete widget looks up the posted ids to show
them as chosen, as they were sent: "abc" or a NUL byte raised a 500 (ValueError) instead of the
form's own message ("Select a valid choice"). These widgets keep only well-formed ids. And an
id larger than the database's integers ("9" * 30) made the field's own lookup overflow (a 500
on SQLite, an aborted transaction on PostgreSQL): the fields below refuse it before asking.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError

LARGEST_ID = 2**63 - 1  # a 64-bit integer column's


def out_of_range(value):
    text = str(value).strip()
    return text.lstrip("-").isdigit() and abs(int(text)) > LARGEST_ID


class BoundedModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and out_of_range(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            if out_of_range(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:40]},
                )
        return super()._check_values(value)


class WellFormedIds:
    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        name = getattr(remote, "field_name", None)  # a foreign key's; many-to-many: the pk
        target = remote.model._meta.get_field(name) if name else remote.model._meta.pk
        kept = []
        for item in value:
            try:
                target.to_python(item)
            except (ValidationError, ValueError, TypeError):
                continue
            if "\x00" not in str(item) and not out_of_range(item):
                kept.append(item)
        return super().optgroups(name, kept, attr)


class CheckedAutocompleteSelect(WellFormedIds, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(WellFormedIds, AutocompleteSelectMultiple):
    pass


class CheckedAutocomplete:
    """A ModelAdmin or inline mixin: its autocomplete_fields use the widgets above, and all its
    choices of related rows the bounded fields."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", BoundedModelChoiceField)
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
