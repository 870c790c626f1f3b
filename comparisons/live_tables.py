"""Live comparison tables inside articles: each [[compare ...]] shortcode as the table now is."""

from dataclasses import dataclass

from editorial.shortcodes import Shortcode

from .models import Comparison
from .parameters import SHOW
from .table import build_table


@dataclass
class LiveTable:
    shortcode: Shortcode
    comparison: object = None
    table: object = None
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
    """Replace each Shortcode by a LiveTable: the current table, or what is wrong with it."""
    resolved = []
    for part in parts:
        if isinstance(part, str):
            resolved.append(part)
            continue
        live = LiveTable(part, index=len(resolved))
        if part.problems:
            live.problem = (
                "A [[compare …]] line could not be read. Write it as "
                "[[compare comparison-slug filter=option show=row]] on a line of its own."
            )
        else:
            live.comparison = Comparison.objects.published().filter(slug=part.slug).first()
            if live.comparison is None:
                live.problem = f"There is no published comparison “{part.slug}”."
            else:
                live.table = build_table(live.comparison, part.querydict())
                live.problem = _table_problem(part, live.table)
                if live.table.is_empty:
                    live.table = None  # a table without columns would look broken to readers
        resolved.append(live)
    return resolved


def _table_problem(shortcode, table):
    """What an editor should fix in a shortcode that did build a table, or ""."""
    known = {facet.dimension.slug for facet in table.facets} | {SHOW}
    problems = [f"{k}={v}" for k, v in table.unknown]
    problems += [f"{k}={v}" for k, v in shortcode.params if k not in known]
    if problems:
        return f"Ignored filters that do not exist: {', '.join(problems)}."
    if table.is_empty:
        return "No strategy matches these filters, so readers see no table here."
    return ""
