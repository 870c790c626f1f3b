"""Live comparisons inside articles: each [[compare ...]] shortcode as the table now is, each
[[map ...]] shortcode as the comparison's map now is."""

from dataclasses import dataclass

from editorial.shortcodes import Shortcode

from .map import build_map
from .models import Comparison
from .parameters import DIFFERENCES, PICK, SHOW
from .table import build_table

# Reserved parameters a shortcode may use besides the filters (the others shape other pages).
SHORTCODE_PARAMETERS = {SHOW, PICK, DIFFERENCES}
UNREADABLE = {
    "compare": "A [[compare …]] line could not be read. Write it as "
    "[[compare comparison-slug filter=option show=row]] on a line of its own.",
    "map": "A [[map …]] line could not be read. Write it as "
    "[[map comparison-slug filter=option pick=strategy]] on a line of its own.",
}


@dataclass
class LiveTable:
    shortcode: Shortcode
    comparison: object = None
    table: object = None
    map: object = None  # for a [[map]] shortcode: the comparisons.map drawing
    problem: str = ""
    index: int = 0

    @property
    def id_prefix(self):
        # Several tables on one page need distinct ids for their captions, columns and rows.
        return f"t{self.index}-"

    @property
    def url(self):
        path = self.comparison.get_absolute_url()
        return path + self.table.state.query_string()


def resolve(parts):
    """Replace each Shortcode by a LiveTable: the current table or map, or what is wrong."""
    resolved = []
    for part in parts:
        if isinstance(part, str):
            resolved.append(part)
            continue
        live = LiveTable(part, index=len(resolved))
        if part.problems:
            live.problem = UNREADABLE[part.kind]
        else:
            live.comparison = Comparison.objects.published().filter(slug=part.slug).first()
            if live.comparison is None:
                live.problem = f"There is no published comparison “{part.slug}”."
            else:
                live.table = build_table(live.comparison, part.querydict())
                live.problem = _table_problem(part, live.table)
                if part.kind == "map":
                    _add_map(live)
                elif live.table.is_empty:
                    live.table = None  # a table without columns would look broken to readers
        resolved.append(live)
    return resolved


def _add_map(live):
    live.map = build_map(live.table, id_prefix=live.id_prefix)
    if live.map is None:
        live.problem = (
            f"“{live.comparison.title}” has no map: choose the map's two rows in the "
            "comparison's admin page."
        )
    elif live.map.is_empty:
        live.map = None  # a map with every box empty would look broken to readers
    live.table = None  # the figure is the map alone


def _table_problem(shortcode, table):
    """What an editor should fix in a shortcode that did build a table, or ""."""
    known = {facet.dimension.slug for facet in table.facets} | SHORTCODE_PARAMETERS
    problems = [f"{k}={v}" for k, v in table.unknown]
    problems += [f"{k}={v}" for k, v in shortcode.params if k not in known]
    if problems:
        return f"Ignored filters that do not exist: {', '.join(problems)}."
    if table.is_empty:
        shown = "map" if shortcode.kind == "map" else "table"
        return f"No strategy matches these filters, so readers see no {shown} here."
    return ""
