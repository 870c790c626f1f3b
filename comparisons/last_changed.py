"""When a comparison last changed: one rule for the page's “Last changed” and the sitemap.

A table's text lives in its cells, strategies and dimensions, which are shared between tables,
and its list of sources in the sources its cells cite: the page changed when its own row or any
of them did.
"""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest

from sources.models import Source

from .models import Cell, Comparison, Dimension, Strategy


def _latest(queryset):
    return Subquery(queryset.order_by("-updated_at").values("updated_at")[:1])


def with_last_changed(queryset):
    """`queryset` of comparisons, each annotated with `last_changed` (in the same query)."""
    own = F("updated_at")
    shown = [
        _latest(Strategy.objects.filter(comparisons=OuterRef("pk"))),
        _latest(Dimension.objects.filter(comparisons=OuterRef("pk"))),
        _latest(
            Cell.objects.filter(
                strategy__comparisons=OuterRef("pk"), dimension__comparisons=OuterRef("pk")
            )
        ),
        _latest(
            Source.objects.filter(
                cells__strategy__comparisons=OuterRef("pk"),
                cells__dimension__comparisons=OuterRef("pk"),
            )
        ),
    ]
    # A comparison without columns, rows, cells or sources has no date for them: Greatest() would be
    # NULL on SQLite (PostgreSQL skips NULLs), so each falls back to the comparison's own.
    dates = [Coalesce(date, own) for date in shown]
    return queryset.annotate(last_changed=Greatest(own, *dates))


def last_changed(comparison_pk):
    """The same date for one comparison, in a query of its own: kept with its grid, once per
    content version (comparisons.grid), since only a change of content moves it."""
    one = Comparison.objects.filter(pk=comparison_pk)
    return with_last_changed(one).values_list("last_changed", flat=True).first()
