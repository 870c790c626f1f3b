"""Everything a comparison page, embed or export needs: the table as a query string filters it.

`build_table(comparison, querydict)` takes the comparison's grid (comparisons.grid: loaded in a
fixed number of queries, kept per content version), then filters, counts and numbers sources in
memory, without changing the grid's objects, which other requests read at once.
"""

from dataclasses import dataclass, field

from .filters import FilterState, parse_filters
from .grid import live_grid
from .models import Option


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
