"""The editors' dashboard (/admin/dashboard/): what needs an editor, each item linked to the
page that fixes it.

Cells without sources, cells not reviewed for REVIEW_AFTER_DAYS (never reviewed included),
cells much shorter than the others of their row (missing ones included), readers' open
suggestions, and the latest changes (public change-log versions and admin edits). Every
comparison counts, drafts included: editors prepare those too. For whoever may read the
suggestions queue: the Editors group and superusers; other staff get a 403.
"""

import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from changelog.models import Version
from comparisons.models import Cell, Comparison, ComparisonDimension, ComparisonStrategy
from corrections.models import Status, Suggestion

LIMIT = 50  # items shown per list; the heading gives the full count
SHORT_SHARE = 3  # a cell under a third of its row's median length is "much shorter"
RECENT = 10  # versions and admin edits shown
PERMISSION = "corrections.view_suggestion"


@dataclass
class Spot:
    """One position of a comparison's grid: its cell, or None where nobody wrote it yet."""

    comparison: object
    strategy: object
    dimension: object
    cell: object

    @property
    def name(self):
        return f"{self.strategy.name} × {self.dimension.name}"

    @property
    def length(self):
        return len(self.cell.text.strip()) if self.cell else 0

    @property
    def admin_url(self):
        return cell_admin_url(self.cell, self.strategy, self.dimension)


def cell_admin_url(cell, strategy, dimension):
    """The cell's edit page; its add page, filled in, when it is not written yet."""
    if cell is not None:
        return reverse("admin:comparisons_cell_change", args=[cell.pk])
    query = urlencode({"strategy": strategy.pk, "dimension": dimension.pk})
    return reverse("admin:comparisons_cell_add") + "?" + query


def grid_spots():
    """Every comparison's rows of spots, in column and row order: [(comparison, dimension,
    [Spot...])]. Four queries, whatever the number of comparisons and cells."""
    columns = ComparisonStrategy.objects.select_related("strategy").order_by("order", "id")
    rows = ComparisonDimension.objects.select_related("dimension").order_by("order", "id")
    comparisons = Comparison.objects.prefetch_related(
        Prefetch("strategy_links", queryset=columns), Prefetch("dimension_links", queryset=rows)
    )
    cells = {
        (cell.strategy_id, cell.dimension_id): cell
        for cell in Cell.objects.annotate(source_count=Count("source_links")).only(
            "id", "strategy_id", "dimension_id", "text", "reviewed_at"
        )
    }
    grid = []
    for comparison in comparisons:
        strategies = [link.strategy for link in comparison.strategy_links.all()]
        for link in comparison.dimension_links.all():
            spots = [
                Spot(comparison, s, link.dimension, cells.get((s.pk, link.dimension_id)))
                for s in strategies
            ]
            grid.append((comparison, link.dimension, spots))
    return grid


def written_cells(grid):
    """Each written cell once, with the comparisons that show it: [(spot, [comparison...])]."""
    found = {}
    for _comparison, _dimension, spots in grid:
        for spot in spots:
            if spot.cell is not None:
                found.setdefault(spot.cell.pk, (spot, []))[1].append(spot.comparison)
    return sorted(found.values(), key=lambda item: item[0].name)


def short_spots(grid):
    """Spots much shorter than their row's median in that comparison, empty ones included."""
    short = []
    for _comparison, _dimension, spots in grid:
        if len(spots) < 2:
            continue  # a row of one has nothing to be shorter than
        median = statistics.median(spot.length for spot in spots)
        short += [(spot, median) for spot in spots if spot.length < median / SHORT_SHARE]
    return short


def unreviewed(cells, today=None):
    """Cells never reviewed, or last reviewed more than REVIEW_AFTER_DAYS ago: never reviewed
    first, then the oldest review."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.REVIEW_AFTER_DAYS)

    def reviewed(item):
        return item[0].cell.reviewed_at

    due = [item for item in cells if reviewed(item) is None or reviewed(item) < cutoff]
    return sorted(due, key=lambda item: (reviewed(item) is not None, reviewed(item) or today))


def latest_changes():
    """The newest public versions (with their entries) and the newest admin edits."""
    versions = (
        Version.objects.select_related("comparison", "editor")
        .prefetch_related("entries")
        .defer("data")
        .order_by("-created_at", "-id")[:RECENT]
    )
    edits = LogEntry.objects.select_related("user", "content_type").order_by("-action_time")
    return list(versions), list(edits[:RECENT])


def open_suggestions():
    new = Suggestion.objects.filter(status=Status.NEW).select_related(
        "comparison", "strategy", "dimension"
    )
    # Accepted before the cell was edited: accepting again links the change (corrections).
    unlinked = Suggestion.objects.filter(status=Status.ACCEPTED, change=None).select_related(
        "comparison", "strategy", "dimension"
    )
    return new, unlinked


def listed(items):
    """(the first LIMIT items, how many there are in all), of a list or a queryset."""
    if isinstance(items, list):
        return items[:LIMIT], len(items)
    return list(items[:LIMIT]), items.count()


def dashboard(request):
    """Routed through admin.site.admin_view (config.urls): staff only, signed in."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    grid = grid_spots()
    cells = written_cells(grid)
    new, unlinked = open_suggestions()
    versions, edits = latest_changes()
    context = {
        **admin.site.each_context(request),
        "title": "Editors' dashboard",
        "without_sources": listed([item for item in cells if item[0].cell.source_count == 0]),
        "unreviewed": listed(unreviewed(cells)),
        "review_after_days": settings.REVIEW_AFTER_DAYS,
        "short": listed(short_spots(grid)),
        "suggestions": listed(new),
        "unlinked": listed(unlinked),
        "versions": versions,
        "edits": edits,
    }
    return render(request, "admin/dashboard.html", context)
