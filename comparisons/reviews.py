"""Review dates: when an editor last checked a cell or a comparison, and who did.

A review is not an edit: no text changes, so it makes no revision, does not raise the row's
edit version (forms open elsewhere stay valid) and adds nothing to the public change log. It is
written with queryset.update(), which sends no model signal, so it tells the page cache itself
that pages changed (they show the date).
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from pagecache import version

# Not part of a revision: reverting a text does not undo a review.
REVIEW_FIELDS = ["reviewed_at", "reviewed_by"]


class Reviewed(models.Model):
    reviewed_at = models.DateField(
        "last reviewed",
        null=True,
        blank=True,
        editable=False,
        help_text="Set by “Mark as reviewed today”; readers see it.",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="reviewed by",
        # Users are not content: export_content leaves them out, so it leaves this out too
        # (an import could not point at them). The review date is kept.
        serialize=False,
    )

    class Meta:
        abstract = True


def mark_reviewed(queryset, user):
    """Mark every row of `queryset` reviewed today by `user`; return how many."""
    using = queryset.db
    with transaction.atomic(using=using):
        version.lock(using)  # the version row first, as every content write takes it
        count = queryset.update(reviewed_at=timezone.localdate(), reviewed_by=user)
        version.bump(using)
    return count
