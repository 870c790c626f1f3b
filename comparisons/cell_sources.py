"""CellSource: the sources a cell cites, in order (its numbers follow `order`).

Defined apart from models.py to keep that module short; models.py imports it at its end, so it
registers as content after Cell (export and import need parents first). The relations are named
by strings, so this module imports nothing of models.py (no cycle).
"""

from django.db import models

from editorial.registry import content_model


@content_model
class CellSource(models.Model):
    cell = models.ForeignKey(
        "comparisons.Cell", on_delete=models.CASCADE, related_name="source_links"
    )
    source = models.ForeignKey(
        "sources.Source", on_delete=models.CASCADE, related_name="cell_links"
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first in the cell's list of sources."
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "source of the cell"
        verbose_name_plural = "sources of the cell"
        constraints = [
            models.UniqueConstraint(fields=["cell", "source"], name="source_once_per_cell"),
        ]

    def __str__(self):
        return f"{self.cell} / {self.source}"
