"""A comparison's grid: its strategies, dimensions, options, cells and sources, loaded in a fixed
number of queries, and kept per content version.

`GridData(comparison)` reads the whole grid once (five queries, whatever the size of the
comparison: columns, rows, options, cells, the cells' sources; a sixth for when any of them last
changed, if asked). `live_grid` keeps it per content version: a new filter combination of a
comparison already drawn costs no grid query and no new model instance. Nothing drawing a table
may change a kept grid's objects: several requests read them at once.
"""

import datetime
from dataclasses import dataclass, field
from typing import ClassVar

from django.db import connection
from django.utils.functional import cached_property

from pagecache import version

from .last_changed import last_changed
from .models import Cell, CellSource, ComparisonDimension, ComparisonStrategy, Option


@dataclass(slots=True, eq=False)
class GridCell:
    """A cell as tables draw it: its stored fields, its options and sources in order. Read as
    plain rows: a model instance costs about ten times more to make, and a 40 x 30 grid has
    1 200 cells. A pinned version's grid (`changelog.pinned`) is made of them too."""

    FIELDS: ClassVar = ("id", "strategy_id", "dimension_id", "text", "text_html", "reviewed_at")

    id: int
    strategy_id: int
    dimension_id: int
    text: str
    text_html: str
    reviewed_at: datetime.date | None
    option_list: list = field(default_factory=list)
    source_list: list = field(default_factory=list)
    option_slugs: frozenset = frozenset()
    content_html: str | None = None  # drawn once, by comparisons.table_html

    @property
    def pk(self):
        return self.id

    def __str__(self):
        return f"Cell {self.id}"


class GridData:
    """The comparison's strategies, dimensions, options and cells, as loaded from the database."""

    def __init__(self, comparison):
        self.strategies = [
            link.strategy
            for link in ComparisonStrategy.objects.filter(comparison=comparison)
            .select_related("strategy")
            .order_by("order", "id")
        ]
        self.dimensions = [
            link.dimension
            for link in ComparisonDimension.objects.filter(comparison=comparison)
            .select_related("dimension")
            .order_by("order", "id")
        ]
        self.dimension_by_slug = {d.slug: d for d in self.dimensions}
        option_by_id, links = self._load_options()
        cell_by_id = self._load_cells()
        for cell_id, option_id in links:
            if cell_id in cell_by_id:  # the option's other cells belong to other strategies
                cell_by_id[cell_id].option_list.append(option_by_id[option_id])
        for cell in cell_by_id.values():
            cell.option_list.sort(key=lambda o: (o.order, o.id))
            cell.option_slugs = frozenset(o.slug for o in cell.option_list)
        self._load_sources(cell_by_id)
        self.comparison_updated_at = comparison.updated_at

    def _load_options(self):
        """`options` (dimension slug -> its options, ordered) for the filterable rows, in one
        query with the cells that chose them: a row per (option, cell), or one row with no
        cell for an option nobody chose. Returns ({id: option}, [(cell id, option id)])."""
        filterable = {d.id: d for d in self.dimensions if d.filterable}
        self.options = {d.slug: [] for d in filterable.values()}
        fields = [f.attname for f in Option._meta.concrete_fields]
        rows = (
            Option.objects.filter(dimension__in=filterable.values())
            .order_by("order", "id")
            .values_list(*fields, "cells")
        )
        option_by_id = {}
        links = []
        for *values, cell_id in rows:
            option_id = values[0]
            if cell_id is not None:
                links.append((cell_id, option_id))
            if option_id not in option_by_id:
                option = Option.from_db(rows.db, fields, values)
                option.dimension = filterable[option.dimension_id]
                self.options[option.dimension.slug].append(option)
                option_by_id[option_id] = option
        return option_by_id, links

    def _load_cells(self):
        """`cells`: (strategy id, dimension id) -> GridCell. Returns {id: cell}."""
        rows = Cell.objects.filter(
            strategy__in=self.strategies, dimension__in=self.dimensions
        ).values_list(*GridCell.FIELDS)
        cells = [GridCell(*row) for row in rows]
        self.cells = {(cell.strategy_id, cell.dimension_id): cell for cell in cells}
        return {cell.id: cell for cell in cells}

    def _load_sources(self, cell_by_id):
        """Each cell's sources in their order, in one query; and `sources`: every source the
        grid cites, once each, in reading order (row by row), for the page's citations."""
        links = (
            CellSource.objects.filter(
                cell__strategy__in=self.strategies, cell__dimension__in=self.dimensions
            )
            .select_related("source")
            .order_by("order", "id")
        )
        for link in links:
            cell_by_id[link.cell_id].source_list.append(link.source)
        self.sources = self.cited_sources()

    def cited_sources(self):
        """Every source the grid cites, once each, in reading order (row by row)."""
        cited = {}
        for dimension in self.dimensions:
            for strategy in self.strategies:
                for source in getattr(self.cell(strategy, dimension), "source_list", ()):
                    cited.setdefault(source.pk, source)
        return list(cited.values())

    @cached_property
    def last_changed(self):
        """When the comparison, its columns, rows, cells or cited sources last changed."""
        return last_changed(self.comparison_updated_at, self)

    def cell(self, strategy, dimension):
        return self.cells.get((strategy.id, dimension.id))

    def satisfies(self, strategy, dimension_slug, option_slugs):
        cell = self.cell(strategy, self.dimension_by_slug[dimension_slug])
        return cell is not None and not cell.option_slugs.isdisjoint(option_slugs)

    def matching(self, strategies, selected, ignore=None):
        return [
            s
            for s in strategies
            if all(self.satisfies(s, dim, opts) for dim, opts in selected.items() if dim != ignore)
        ]

    def alike(self, strategies, dimension):
        """Whether every one of `strategies` says the same in this row: the same options in a
        filterable row, the same text in another (a missing cell says nothing)."""
        cells = [self.cell(s, dimension) for s in strategies]
        if dimension.filterable:
            said = {frozenset(c.option_slugs) if c else None for c in cells}
        else:
            said = {" ".join(c.text.split()) if c else None for c in cells}
        return len(said) == 1


# comparison pk -> (content version, GridData): the latest grid of each comparison drawn.
live_grids = {}


def live_grid(comparison):
    """The comparison's grid as saved now, built once per content version (every save of
    content is a new version, in every process: `pagecache.version`).

    The version is read before the grid: a save landing in between makes the kept grid (in
    part) newer than its version says, never older, and the next request, at the new version,
    builds it again. Inside a transaction the grid is built and not kept:
    its writes, and so its version, may yet be rolled back.
    """
    if connection.in_atomic_block:
        return GridData(comparison)
    now = version.current()
    kept = live_grids.get(comparison.pk)
    if kept is not None and kept[0] == now:
        return kept[1]
    grid = GridData(comparison)
    live_grids[comparison.pk] = (now, grid)
    return grid
