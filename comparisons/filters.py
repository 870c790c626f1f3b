"""Reading the filter state of a comparison from a query string, and writing it back.

The contract: a filterable dimension's slug is a parameter, an option slug its value; repeated
values mean "any of"; `show=` limits the visible rows; `pick=` limits the columns (strategy
slugs), before the filters apply; `differences=1` hides the rows where every shown strategy
says the same; other parameters are ignored.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from editorial.text import shown

from .parameters import DIFFERENCES, PICK, RESERVED, SHOW

# Bounds that keep a hostile query string cheap: values longer than this cannot be slugs.
MAX_VALUE_LENGTH = 100
MAX_VALUES_PER_PARAMETER = 50


@dataclass
class FilterState:
    # dimension slug -> chosen option slugs, in the dimension's option order
    selected: dict[str, list[str]] = field(default_factory=dict)
    # dimension slugs to show, in table order; empty means every row
    show: list[str] = field(default_factory=list)
    # strategy slugs to compare, in column order; empty means every strategy
    pick: list[str] = field(default_factory=list)
    # whether rows in which every shown strategy says the same are hidden
    differences: bool = False
    # (parameter, value) pairs that named no option of a known dimension
    unknown: list[tuple[str, str]] = field(default_factory=list)
    # Presentation parameters (an embed's theme) that every link of the page must keep.
    keep: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_filtered(self):
        return bool(self.selected or self.show)

    @property
    def active_count(self):
        """How many choices narrow the table: each option chosen, and a choice of rows, of
        columns, or of only the rows that differ (the "Filters · 2" control)."""
        chosen = sum(len(options) for options in self.selected.values())
        return chosen + bool(self.show) + bool(self.pick) + self.differences

    def params(self):
        """The state as query parameters, in a stable order."""
        pairs = [(PICK, slug) for slug in self.pick]
        pairs += [(dim, opt) for dim, opts in self.selected.items() for opt in opts]
        pairs += [(SHOW, slug) for slug in self.show]
        pairs += [(DIFFERENCES, "1")] if self.differences else []
        return pairs + self.keep

    def _copy(self, **changes):
        fields = {
            "selected": dict(self.selected),
            "show": list(self.show),
            "pick": list(self.pick),
            "differences": self.differences,
            "keep": list(self.keep),
        }
        return FilterState(**(fields | changes))

    def query_string(self):
        pairs = self.params()
        return "?" + urlencode(pairs) if pairs else ""

    def without(self, dimension_slug, option_slug=None):
        """A copy without one option, or without a whole dimension's choices."""
        selected = {}
        for dim, opts in self.selected.items():
            if dim == dimension_slug:
                opts = [o for o in opts if option_slug is not None and o != option_slug]
            if opts:
                selected[dim] = opts
        return self._copy(selected=selected)

    def without_presentation(self):
        """A copy without the embed's presentation parameters: the state as a page shows it."""
        return self._copy(keep=[])

    def cleared(self):
        """A copy with no filters and every row; the columns picked and the kept parameters
        remain (a pair page's "clear filters" keeps its pair)."""
        return FilterState(pick=list(self.pick), keep=list(self.keep))

    def with_every_row(self):
        """A copy that shows the rows differences=1 hid."""
        return self._copy(differences=False)

    def with_pick(self, pick):
        return self._copy(pick=list(pick))

    def as_dict(self):
        return {dim: list(opts) for dim, opts in self.selected.items()}


def _values(querydict, name):
    values = querydict.getlist(name)[:MAX_VALUES_PER_PARAMETER]
    return [v.strip() for v in values if v.strip()]


def parse_filters(querydict, dimensions, options_by_dimension, strategy_slugs=()):
    """Read the state for `dimensions` (ordered) from a QueryDict.

    `options_by_dimension` maps a filterable dimension's slug to its ordered option slugs;
    `strategy_slugs` are the comparison's columns, in order.
    """
    state = FilterState()
    picked = set()
    for value in _values(querydict, PICK):
        if value in strategy_slugs:
            picked.add(value)
        else:
            _note_unknown(state, PICK, value)
    # Every strategy picked is no pick: one address for the whole table.
    if len(picked) < len(strategy_slugs):
        state.pick = [slug for slug in strategy_slugs if slug in picked]
    state.differences = querydict.get(DIFFERENCES) == "1"
    for dimension in dimensions:
        slug = dimension.slug
        if slug not in options_by_dimension:
            continue
        valid = options_by_dimension[slug]
        chosen = set()
        for value in _values(querydict, slug):
            if value in valid:
                chosen.add(value)
            else:
                _note_unknown(state, slug, value)
        if chosen:
            state.selected[slug] = [o for o in valid if o in chosen]

    known = {d.slug for d in dimensions}
    requested = set()
    for value in _values(querydict, SHOW):
        if value in known:
            requested.add(value)
        else:
            _note_unknown(state, SHOW, value)
    state.show = [d.slug for d in dimensions if d.slug in requested]
    return state


def _note_unknown(state, parameter, value):
    """Keeps a value that named nothing, once, as the page and the exports' 400 quote it."""
    pair = (parameter, shown(value, MAX_VALUE_LENGTH))
    if pair not in state.unknown:
        state.unknown.append(pair)


def read_query(querydict, dimension_slugs):
    """The query as `parse_filters` and the views read it, for the page cache's key.

    Only the comparison's dimensions and the reserved names count, so ?asdf=1 shares the page's
    entry. Filter values are normalised as `_values` reads them (blank and repeated values
    change nothing); a value no longer than any slug can be is cut as the notices cut it.
    Reserved parameters other than `show` and `pick` keep their values as sent.
    """
    pairs = []
    for name in sorted(set(querydict) & (set(dimension_slugs) | RESERVED)):
        values = querydict.getlist(name)
        if name in (SHOW, PICK) or name not in RESERVED:
            values = list(dict.fromkeys(v[:MAX_VALUE_LENGTH] for v in _values(querydict, name)))
        pairs.append((name, values))
    return pairs
