"""The ordered links of a comparison: its columns (strategies) and rows (dimensions).

Defined apart from models.py to keep that module short; models.py imports this module at its
end, so these register as content after the models they link. The relations are named by
strings, so nothing of models.py is imported here (no cycle).
"""

from django.db import models

from editorial.registry import content_model


@content_model
class ComparisonStrategy(models.Model):
    comparison = models.ForeignKey(
        "comparisons.Comparison", on_delete=models.CASCADE, related_name="strategy_links"
    )
    strategy = models.ForeignKey("comparisons.Strategy", on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(default=0, help_text="Columns left to right.")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "strategy (column)"
        verbose_name_plural = "strategies (columns)"
        constraints = [
            models.UniqueConstraint(
                fields=["comparison", "strategy"], name="strategy_once_per_comparison"
            ),
        ]

    def __str__(self):
        return f"{self.comparison} / {self.strategy}"


@content_model
class ComparisonDimension(models.Model):
    comparison = models.ForeignKey(
        "comparisons.Comparison", on_delete=models.CASCADE, related_name="dimension_links"
    )
    dimension = models.ForeignKey(
        "comparisons.Dimension", on_delete=models.CASCADE, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Rows top to bottom.")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "dimension (row)"
        verbose_name_plural = "dimensions (rows)"
        constraints = [
            models.UniqueConstraint(
                fields=["comparison", "dimension"], name="dimension_once_per_comparison"
            ),
        ]

    def __str__(self):
        return f"{self.comparison} / {self.dimension}"
