"""Admin building blocks shared by every content model: version-checked forms and history."""

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


class VersionedForm(forms.ModelForm):
    """An edit form that refuses to save over changes made since the editor opened it.

    The version the form was opened at travels in a hidden field; a different version in the
    database means someone else saved meanwhile. The form is then shown again with the editor's
    own input and a message saying who saved, so nothing typed is lost. Used for every model
    built on editorial.versioning.Versioned, inline forms included (comparisons.forms.CellForm).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" in self.fields:
            self.fields["version"].widget = forms.HiddenInput()
            # A post without it (a script, a page opened before versions existed) is saved
            # unchecked, as before, rather than refused.
            self.fields["version"].required = False

    def clean(self):
        cleaned = super().clean()
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


class HistoryAdmin(SimpleHistoryAdmin):
    """Revision history in the admin, whose pages answer 404 to a malformed address.

    simple-history passes the ids in the URL straight to queries, so "abc" raised a 500.
    """

    def _check_ids(self, object_id, version_id=None):
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
