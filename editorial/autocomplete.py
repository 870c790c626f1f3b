"""Admin autocomplete fields that redisplay a hostile form without a server error.

When a form comes back with errors, Django's autocomplete widget looks up the posted ids to show
them as chosen, as they were sent: "abc" or a NUL byte raised a 500 (ValueError) instead of the
form's own message ("Select a valid choice"). These widgets keep only well-formed ids.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class WellFormedIds:
    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        target = remote.model._meta.get_field(getattr(remote, "field_name", None) or "pk")
        kept = []
        for item in value:
            try:
                target.to_python(item)
            except (ValidationError, ValueError, TypeError):
                continue
            if "\x00" not in str(item):
                kept.append(item)
        return super().optgroups(name, kept, attr)


class CheckedAutocompleteSelect(WellFormedIds, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(WellFormedIds, AutocompleteSelectMultiple):
    pass


class CheckedAutocomplete:
    """A ModelAdmin or inline mixin: its autocomplete_fields use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
