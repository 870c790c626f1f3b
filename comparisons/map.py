"""The map of a comparison: the options of two filterable rows as a grid, strategies in its boxes.

A comparison may name two filterable rows as its map's axes (`Comparison.map_across`, the
columns, and `map_down`, the rows): the starter maps show *who* does the work by *where* it is
done. Each strategy shown sits in every box whose two options its cells have (outsourcing, done
at home or abroad, sits in two boxes), and each box links to the table filtered by its options.

`build_map` computes everything the drawing needs, positions included, from a ComparisonTable,
so the templates (comparisons/map.svg, map_figure.html) only print numbers and names: no
charting library, no script, no inline style (the site's CSP forbids it). Text widths are
estimated from character counts, as the server knows no font metrics; the estimate errs wide.
"""

import textwrap
from dataclasses import dataclass, field

from .filters import FilterState

FONT_SIZE = 14
CHARACTER = 0.6 * FONT_SIZE  # a generous average advance of a sans-serif character, in px
LINE = 17  # distance between the baselines of a wrapped label
# Characters per line: narrow wrapping keeps the map narrow, so that scaled down to a phone's
# width its text stays legible.
WRAP = 14
MARGIN = 8  # around the whole drawing
PADDING = 8  # inside a box, around its labels
GAP = 6  # between boxes
CHIP_GAP = 6  # between the strategies of a box
CHIP_PADDING = 8  # around a strategy's name inside its label
MIN_COLUMN = 120


@dataclass
class Line:
    x: int
    y: int  # baseline
    text: str


@dataclass
class Chip:
    """A strategy's label in a box: a rounded rectangle with its name, wrapped."""

    strategy: object
    x: int
    y: int
    width: int
    lines: list[Line] = field(default_factory=list)

    @property
    def height(self):
        return _chip_height(self.strategy.name)


@dataclass
class Box:
    across: object  # Option
    down: object  # Option
    strategies: list
    url: str
    x: int = 0
    y: int = 0
    width: int = 0
    height: int = 0
    chips: list[Chip] = field(default_factory=list)

    @property
    def label(self):
        return f"{self.across.label}, {self.down.label}"

    @property
    def names(self):
        return ", ".join(s.name for s in self.strategies) or "none"

    @property
    def centre_x(self):
        return self.x + self.width // 2

    @property
    def centre_y(self):
        return self.y + self.height // 2 + 5


@dataclass
class Axis:
    dimension: object
    options: list  # Option, in order
    title: list[Line] = field(default_factory=list)  # the dimension's name
    labels: list[list[Line]] = field(default_factory=list)  # each option's label


@dataclass
class ComparisonMap:
    comparison: object
    across: Axis  # the columns
    down: Axis  # the rows
    rows: list[list[Box]]  # rows[i][j]: down option i, across option j
    shown: int  # strategies in the boxes (after pick and the filters)
    total: int  # strategies of the comparison
    id_prefix: str = ""
    width: int = 0
    height: int = 0

    @property
    def boxes(self):
        return [box for row in self.rows for box in row]

    @property
    def is_empty(self):
        return self.shown == 0

    @property
    def title(self):
        return (
            f"Map of {self.comparison.title}: "
            f"{self.down.dimension.name} and {self.across.dimension.name}"
        )

    @property
    def description(self):
        """The map in words, for the SVG's <desc>."""
        across, down = self.across, self.down
        parts = [
            f"A grid with {across.dimension.name} across "
            f"({', '.join(o.label for o in across.options)}) and {down.dimension.name} down "
            f"({', '.join(o.label for o in down.options)}); each strategy sits in every box "
            "whose two options it has."
        ]
        if self.shown < self.total:
            parts.append(f"{self.shown} of {self.total} strategies are shown.")
        parts += [f"{box.label}: {box.names}." for box in self.boxes]
        return " ".join(parts)


def map_axes(grid, comparison):
    """The (across, down) dimensions of the comparison's map, or None when it has no map or a
    broken one: an axis unset, not a filterable row of the comparison, without options, or
    both the same (the admin prevents these, but rows and dimensions change after)."""
    by_id = {d.id: d for d in grid.dimensions}
    across = by_id.get(comparison.map_across_id)
    down = by_id.get(comparison.map_down_id)
    if across is None or down is None or across == down:
        return None
    if not (grid.options.get(across.slug) and grid.options.get(down.slug)):
        return None  # not filterable, or no options: nothing to draw
    return across, down


def build_map(table, id_prefix=""):
    """The map of `table`'s comparison as `table` shows it, or None when there is none.

    It honours `pick` and the filters: its boxes hold `table.matching`. It draws its two rows
    even when `show` leaves them out of the table, since `show` chooses which rows the table
    lists and a map is made of those two rows: without them there would be nothing to draw.
    `differences` hides table rows only, so it changes nothing here.
    """
    grid = table.grid
    axes = map_axes(grid, table.comparison)
    if axes is None:
        return None
    across, down = (Axis(d, grid.options[d.slug]) for d in axes)
    path = table.comparison.get_absolute_url()
    rows = [
        [
            Box(
                across=a,
                down=d,
                strategies=_strategies_in(grid, table.matching, (across, a), (down, d)),
                url=path + _box_query(table, {across.dimension.slug: a, down.dimension.slug: d}),
            )
            for a in across.options
        ]
        for d in down.options
    ]
    drawing = ComparisonMap(
        comparison=table.comparison,
        across=across,
        down=down,
        rows=rows,
        shown=len(table.matching),
        total=len(grid.strategies),
        id_prefix=id_prefix,
    )
    _lay_out(drawing)
    return drawing


def _strategies_in(grid, strategies, *axis_options):
    """The strategies whose cell in each (axis, option) pair has that option."""
    return [
        s
        for s in strategies
        if all(
            (cell := grid.cell(s, axis.dimension)) is not None and option.slug in cell.option_slugs
            for axis, option in axis_options
        )
    ]


def _box_query(table, chosen):
    """The query of the table filtered by a box's two options: the state shown, the map's two
    rows set to the box's options, in the table's row order so links match the page's own."""
    state = table.state
    selected = {}
    for dimension in table.grid.dimensions:
        if dimension.slug in chosen:
            selected[dimension.slug] = [chosen[dimension.slug].slug]
        elif dimension.slug in state.selected:
            selected[dimension.slug] = list(state.selected[dimension.slug])
    return FilterState(
        selected=selected,
        show=list(state.show),
        pick=list(state.pick),
        differences=state.differences,
    ).query_string()


def _text_width(lines):
    return max(round(len(line) * CHARACTER) for line in lines)


def _wrap(text):
    return textwrap.wrap(text, WRAP, break_on_hyphens=False) or [""]


def _chip_height(name):
    return len(_wrap(name)) * LINE + 2 * CHIP_PADDING - 4


def _lines(texts, x, top, height):
    """Lines of `texts` centred vertically in a band `height` high starting at `top`."""
    first = top + (height - len(texts) * LINE) // 2 + 13
    return [Line(x, first + i * LINE, text) for i, text in enumerate(texts)]


def _stack_height(box):
    return sum(_chip_height(s.name) + CHIP_GAP for s in box.strategies) - CHIP_GAP


def _lay_out(drawing):
    """Positions, left to right: the down axis's labels, then a column per across option; top
    to bottom: the across axis's name, its options' labels, then a row per down option."""
    across, down = drawing.across, drawing.down
    across_labels = [_wrap(o.label) for o in across.options]
    down_labels = [_wrap(o.label) for o in down.options]
    down_title = _wrap(down.dimension.name)
    names = [_wrap(s.name) for box in drawing.boxes for s in box.strategies]
    left = max(_text_width(lines) for lines in [down_title, *down_labels]) + PADDING
    count = len(across.options)
    column = max(
        MIN_COLUMN,
        *(_text_width(lines) + 2 * (CHIP_PADDING + PADDING) for lines in names),
        *(_text_width(lines) + 2 * PADDING for lines in across_labels),
        # The across axis's name, on one line, spans the columns.
        (_text_width([across.dimension.name]) - (count - 1) * GAP) // count,
    )
    grid_x = MARGIN + left + GAP
    grid_width = count * (column + GAP) - GAP
    across.title = [Line(grid_x + grid_width // 2, MARGIN + 14, across.dimension.name)]
    top = MARGIN + LINE + 6
    band = max(len(lines) for lines in [down_title, *across_labels]) * LINE + PADDING
    down.title = _lines(down_title, MARGIN, top, band)
    across.labels = [
        _lines(lines, grid_x + j * (column + GAP) + column // 2, top, band)
        for j, lines in enumerate(across_labels)
    ]
    bottom = _lay_out_rows(drawing, down_labels, grid_x, column, top + band + GAP)
    drawing.width = grid_x + grid_width + MARGIN
    drawing.height = bottom + MARGIN


def _lay_out_rows(drawing, down_labels, grid_x, column, y):
    """Places the rows of boxes from `y` down; returns where the last one ends."""
    drawing.down.labels = []
    for row, labels in zip(drawing.rows, down_labels, strict=True):
        height = max(
            LINE + 2 * PADDING,  # an empty box's "None"
            len(labels) * LINE + 2 * PADDING,
            *(_stack_height(box) + 2 * PADDING for box in row if box.strategies),
        )
        drawing.down.labels.append(_lines(labels, MARGIN, y, height))
        for j, box in enumerate(row):
            box.x, box.y, box.width, box.height = grid_x + j * (column + GAP), y, column, height
            box.chips, top = [], y + PADDING
            for strategy in box.strategies:
                chip = Chip(strategy, box.x + PADDING, top, column - 2 * PADDING)
                chip.lines = _lines(_wrap(strategy.name), box.centre_x, top, chip.height)
                box.chips.append(chip)
                top += chip.height + CHIP_GAP
        y += height + GAP
    return y - GAP
