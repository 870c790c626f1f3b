"""A reader's suggested correction to one cell of a comparison, waiting in the editors' queue.

Readers' input, not content: it is never shown on the site, changes nothing by itself, and is
left out of the page cache's invalidation and of export_content / import_content. Editors
read it in the admin, fix the cell themselves, then accept or reject it
(`corrections.decisions`); an accepted suggestion links the change-log entry of that fix.
"""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from changelog.models import ChangeEntry
from comparisons.models import Comparison, Dimension, Strategy
from editorial.registry import editors_may
from sources.models import WEB_SCHEMES

MAX_TEXT = 5000
MAX_URL = 2000
MAX_EMAIL = 254  # RFC 5321's limit on an address


class Status(models.TextChoices):
    NEW = "new", "New"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


# Readers add suggestions; editors read, decide (a change) and delete spam.
@editors_may("change", "delete", "view")
class Suggestion(models.Model):
    comparison = models.ForeignKey(Comparison, on_delete=models.CASCADE, related_name="suggestions")
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="+")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="+")
    # The cell's Markdown when the reader saw it: the cell may have changed since.
    current_text = models.TextField("the cell's text when suggested", blank=True)
    text = models.TextField("suggestion", max_length=MAX_TEXT)
    source_url = models.URLField(
        "source",
        max_length=MAX_URL,
        blank=True,
        validators=[URLValidator(schemes=WEB_SCHEMES)],
    )
    # For editors only: never shown on the site.
    email = models.EmailField("reader's e-mail", max_length=MAX_EMAIL, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    change = models.ForeignKey(
        ChangeEntry,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
        verbose_name="resulting change",
        help_text="The change-log entry of the editor's fix, linked when the suggestion is "
        "accepted after the cell was edited.",
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.cell_name} in “{self.comparison}” ({self.get_status_display()})"

    def get_absolute_url(self):
        # The cell's row on the public page: what the admin's "View on site" opens.
        return f"{self.comparison.get_absolute_url()}#row-{self.dimension.slug}"

    @property
    def cell_name(self):
        """The cell as readers and the change log name it: “Offshoring × Risks”."""
        return f"{self.strategy.name} × {self.dimension.name}"

    def get_admin_url(self):
        return reverse("admin:corrections_suggestion_change", args=[self.pk])
