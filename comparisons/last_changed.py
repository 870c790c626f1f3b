"""When a comparison last changed: one rule for the page's “Last changed”, its citation and the
sitemap.

A table's text lives in its cells, strategies, dimensions and options (the filterable rows'
labels), which are shared between tables, and its list of sources in the sources its cells
cite: the page changed when its own row or any of them did. Read with the comparison's grid
(comparisons.grid), kept per content version.
"""

from django.db.models import Max

from .models import Cell


def last_changed(comparison_updated_at, grid):
    """The latest `updated_at` of the comparison and of everything its grid shows.

    The grid holds its strategies, dimensions, options and sources as they were read; the
    cells' latest date is one small query, asked only by the pages that show it: reading every
    cell's date with the grid would cost more (5 ms for 1 200 cells on SQLite, against 0.7).
    """
    cells = Cell.objects.filter(strategy__in=grid.strategies, dimension__in=grid.dimensions)
    latest_cell = cells.aggregate(latest=Max("updated_at"))["latest"]
    options = [option for row in grid.options.values() for option in row]
    shown = [*grid.strategies, *grid.dimensions, *options, *grid.sources]
    dates = [comparison_updated_at, latest_cell, *(item.updated_at for item in shown)]
    return max(date for date in dates if date is not None)
