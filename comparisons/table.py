"""Everything a comparison page, embed or export needs, loaded in a fixed number of queries.

`build_table(comparison, querydict)` reads the whole grid once (five queries, whatever the
size of the comparison: columns, rows, options, cells, the cells' sources; a sixth for when
any of them last changed, if asked), then filters and
counts in memory. The grid is kept per content version (`live_grid`): a new filter combination
of a comparison already drawn costs no grid query and no new model instance. Nothing drawing a
table may change a kept grid's objects: several requests read them at once.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F
from django.utils.functional import cached_property

from pagecache import version

from .filters import FilterState, parse_filters
from .last_changed import last_changed
from .models import Cell, CellSource, ComparisonDimension, ComparisonStrategy, Option


@dataclass
class OptionFacet:
    option: Option
    selected: bool
    count: int


@dataclass
class DimensionFacet:
    dimension: object
    options: list[OptionFacet]

    @property
    def selected_options(self):
        return [f.option for f in self.options if f.selected]


@dataclass
class Row:
    dimension: object
    cells: list  # one Cell (or None when nobody wrote it yet) per matching strategy
    strategies: list = field(default_factory=list)  # those strategies, in the same order
    # Per cell, the numbers of its sources in this table's list (`ComparisonTable.sources`).
    source_numbers: list = field(default_factory=list)

    @property
    def columns(self):
        """(strategy, cell) for each cell of the row: what a cell's own links need."""
        return list(zip(self.strategies, self.cells, strict=True))


@dataclass
class Suggestion:
    label: str
    query: str
    count: int


@dataclass
class ComparisonTable:
    comparison: object
    state: FilterState
    grid: object  # GridData: everything loaded, for views that draw it otherwise (the map)
    strategies: list  # the columns: the comparison's strategies, or those picked
    matching: list  # the columns the filters keep
    dimensions: list
    rows: list
    facets: list[DimensionFacet]
    options: dict  # dimension slug -> ordered option slugs
    unknown: list[tuple[str, str]] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    hidden_rows: int = 0  # rows left out by differences=1, every shown strategy alike
    # The sources the shown cells cite, numbered from 1 in this order (cell.source_numbers).
    sources: list = field(default_factory=list)

    @property
    def all_strategies(self):
        return self.grid.strategies

    @property
    def last_changed(self):
        """When the table's content last changed (None for a pinned version's grid)."""
        return self.grid.last_changed

    @property
    def is_empty(self):
        return not self.matching

    def chosen(self):
        """(dimension, option, query string without it) for each active filter."""
        for facet in self.facets:
            for option in facet.selected_options:
                query = self.state.without(facet.dimension.slug, option.slug).query_string()
                yield facet.dimension, option, query


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
        filterable = [d for d in self.dimensions if d.filterable]
        self.options = {d.slug: [] for d in filterable}  # slug -> [Option], ordered
        by_dimension_id = {d.id: d for d in filterable}
        option_by_id = {}
        links = []  # (cell id, option id), for every cell that has options of these rows
        # One query for the options and the cells that chose them: a row per (option, cell),
        # or one row with no cell for an option nobody chose.
        options = (
            Option.objects.filter(dimension__in=filterable)
            .annotate(linked_cell_id=F("cells"))
            .order_by("order", "id")
        )
        for option in options:
            if option.linked_cell_id is not None:
                links.append((option.linked_cell_id, option.id))
            if option.id in option_by_id:
                continue
            option.dimension = by_dimension_id[option.dimension_id]
            self.options[option.dimension.slug].append(option)
            option_by_id[option.id] = option

        self.cells = {}  # (strategy id, dimension id) -> Cell
        cells = Cell.objects.filter(
            strategy__in=self.strategies, dimension__in=self.dimensions
        ).only("id", "strategy_id", "dimension_id", "text", "text_html", "reviewed_at")
        cell_by_id = {}
        for cell in cells:
            cell.option_list = []
            cell.source_list = []
            self.cells[cell.strategy_id, cell.dimension_id] = cell
            cell_by_id[cell.id] = cell
        for cell_id, option_id in links:
            if cell_id in cell_by_id:  # the option's other cells belong to other strategies
                cell_by_id[cell_id].option_list.append(option_by_id[option_id])
        for cell in cell_by_id.values():
            cell.option_list.sort(key=lambda o: (o.order, o.id))
            cell.option_slugs = {o.slug for o in cell.option_list}
        self._load_sources(cell_by_id)
        self.comparison_pk = comparison.pk

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
        cited = {}
        for dimension in self.dimensions:
            for strategy in self.strategies:
                for source in getattr(self.cell(strategy, dimension), "source_list", ()):
                    cited.setdefault(source.pk, source)
        self.sources = list(cited.values())

    @cached_property
    def last_changed(self):
        """When the comparison or any of its columns, rows or cells last changed: asked by the
        page only, once per grid, so once per content version."""
        return last_changed(self.comparison_pk)

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


def _facets(grid, columns, state):
    """Each filterable row's options with the faceted count: how many strategies would match
    with this option alone in its row, the other rows keeping their filters."""
    facets = []
    for dimension in grid.dimensions:
        if not dimension.filterable:
            continue
        others = grid.matching(columns, state.selected, ignore=dimension.slug)
        chosen = state.selected.get(dimension.slug, [])
        options = [
            OptionFacet(
                option=option,
                selected=option.slug in chosen,
                count=sum(1 for s in others if grid.satisfies(s, dimension.slug, {option.slug})),
            )
            for option in grid.options[dimension.slug]
        ]
        facets.append(DimensionFacet(dimension=dimension, options=options))
    return facets


def _suggestions(grid, columns, state):
    """For a state nothing matches: each filter whose removal alone would give matches."""
    labels = {d.slug: d.name for d in grid.dimensions}
    suggestions = []
    for dim in state.selected:
        count = len(grid.matching(columns, state.selected, ignore=dim))
        if count:
            suggestions.append(Suggestion(labels[dim], state.without(dim).query_string(), count))
    return suggestions


def _number_sources(rows):
    """Number the sources of the shown cells from 1, in reading order; a source cited twice
    keeps its first number. Sets each row's `source_numbers`; returns the sources."""
    numbers = {}
    for row in rows:
        row.source_numbers = []
        for cell in row.cells:
            sources = cell.source_list if cell is not None else ()
            for source in sources:
                numbers.setdefault(source.pk, (len(numbers) + 1, source))
            row.source_numbers.append([numbers[source.pk][0] for source in sources])
    return [source for _number, source in numbers.values()]


# comparison pk -> (content version, GridData): the latest grid of each comparison drawn.
live_grids = {}


def live_grid(comparison):
    """The comparison's grid as saved now, built once per content version (every save of
    content is a new version, in every process: `pagecache.version`).

    The version is read before the grid: a save landing in between makes the kept grid newer
    than its version says, never older. Inside a transaction the grid is built and not kept:
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


def build_table(comparison, querydict, grid=None):
    """The table of `comparison` as `querydict` filters it: from the live grid, or from `grid`
    (an object shaped like GridData: a pinned version, changelog.pinned)."""
    if grid is None:
        grid = live_grid(comparison)
    option_slugs = {dim: [o.slug for o in opts] for dim, opts in grid.options.items()}
    strategy_slugs = [s.slug for s in grid.strategies]
    state = parse_filters(querydict, grid.dimensions, option_slugs, strategy_slugs)
    columns = [s for s in grid.strategies if not state.pick or s.slug in state.pick]
    matching = grid.matching(columns, state.selected)
    visible = [d for d in grid.dimensions if not state.show or d.slug in state.show]
    if state.differences and len(matching) > 1:
        shown = [d for d in visible if not grid.alike(matching, d)]
    else:
        shown = visible
    rows = [Row(d, [grid.cell(s, d) for s in matching], matching) for d in shown]
    return ComparisonTable(
        comparison=comparison,
        state=state,
        grid=grid,
        strategies=columns,
        matching=matching,
        dimensions=grid.dimensions,
        rows=rows,
        facets=_facets(grid, columns, state),
        options=option_slugs,
        unknown=state.unknown,
        suggestions=[] if matching else _suggestions(grid, columns, state),
        hidden_rows=len(visible) - len(shown),
        sources=_number_sources(rows),
    )
