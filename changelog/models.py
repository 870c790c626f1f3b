"""The public change log of each comparison: its versions, and what changed in each.

A version is what readers saw of a published comparison between two visible changes: its data
as the JSON export has it (`data`, so any version can be shown again exactly, as pinned embeds
will), with the editor's public note. Its entries say what changed since the version before:
a cell's text, options or sources, a strategy or a dimension added, removed, renamed or moved.
Versions are written by `changelog.recorder` only.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from comparisons.models import Comparison
from editorial.registry import content_model


@content_model
class Version(models.Model):
    comparison = models.ForeignKey(Comparison, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField()
    note = models.CharField(
        "reason for this change",
        max_length=500,
        blank=True,
        help_text="Public: shown in the change log beside this version.",
    )
    # Who saved it: for editors only, never shown to readers.
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(help_text="The comparison as readers saw it at this version.")

    class Meta:
        ordering = ["comparison", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["comparison", "number"], name="version_once"),
        ]

    def __str__(self):
        return f"{self.comparison} v{self.number}"

    def get_absolute_url(self):
        url = reverse("changelog:changes", args=[self.comparison.slug])
        return f"{url}#v{self.number}"


class Kind(models.TextChoices):
    PUBLISHED = "published", "First version"
    TITLE = "title", "Title changed"
    CELL_TEXT = "cell-text", "Text changed"
    CELL_OPTIONS = "cell-options", "Options changed"
    CELL_SOURCES = "cell-sources", "Sources changed"
    CELL_ADDED = "cell-added", "Cell written"
    CELL_REMOVED = "cell-removed", "Cell removed"
    STRATEGY_ADDED = "strategy-added", "Strategy added"
    STRATEGY_REMOVED = "strategy-removed", "Strategy removed"
    STRATEGY_RENAMED = "strategy-renamed", "Strategy renamed"
    STRATEGIES_REORDERED = "strategies-reordered", "Strategies reordered"
    DIMENSION_ADDED = "dimension-added", "Row added"
    DIMENSION_REMOVED = "dimension-removed", "Row removed"
    DIMENSION_RENAMED = "dimension-renamed", "Row renamed"
    DIMENSIONS_REORDERED = "dimensions-reordered", "Rows reordered"
    OPTIONS_CHANGED = "dimension-options", "Filter options changed"


@content_model
class ChangeEntry(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # What changed, as readers name it: "Offshoring × Risks", "Strategy “Nearshoring”".
    subject = models.CharField(max_length=300)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "id"]
        verbose_name_plural = "change entries"

    def __str__(self):
        return f"{self.version}: {self.get_kind_display()} ({self.subject})"

    def get_absolute_url(self):
        return self.version.get_absolute_url()
