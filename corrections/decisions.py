"""An editor's decision on a suggestion: accept or reject it, and link the change it led to.

A suggestion never changes a cell: the editor edits the cell in the admin (with a public
“Reason for this change”), which the change log records. Accepting then links the newest
change-log entry of that cell made after the suggestion arrived. If the cell has not been
edited yet, the suggestion is accepted all the same and accepting it again later (the action
or the button) links the change; the first decision's editor and date are kept.
"""

from django.db import transaction
from django.utils import timezone

from changelog.models import ChangeEntry, Kind

from .models import Status, Suggestion

# What an edit of one cell records in the change log (changelog.diff): a missing cell being
# written counts too, it is the fix for a suggestion on an empty cell.
CELL_KINDS = [Kind.CELL_TEXT, Kind.CELL_OPTIONS, Kind.CELL_SOURCES, Kind.CELL_ADDED]


def resulting_change(suggestion):
    """The newest change-log entry of the suggestion's cell since it was made, or None."""
    return (
        ChangeEntry.objects.filter(
            version__comparison=suggestion.comparison_id,
            version__created_at__gt=suggestion.created_at,
            kind__in=CELL_KINDS,
            subject=suggestion.cell_name,
        )
        .select_related("version")
        .order_by("-version__created_at", "-version__number", "-id")
        .first()
    )


def _decide(suggestion, status, user):
    if suggestion.status != status:
        suggestion.status = status
        suggestion.decided_by = user
        suggestion.decided_at = timezone.now()


def accept(suggestion, user):
    """Accept it (once: again, it only looks for the change); return the linked change."""
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        _decide(suggestion, Status.ACCEPTED, user)
        suggestion.change = resulting_change(suggestion) or suggestion.change
        suggestion.save(update_fields=["status", "decided_by", "decided_at", "change"])
    return suggestion.change


def reject(suggestion, user):
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        _decide(suggestion, Status.REJECTED, user)
        suggestion.save(update_fields=["status", "decided_by", "decided_at"])
