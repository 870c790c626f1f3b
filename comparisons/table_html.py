"""A table's column headings and rows as HTML, joined in Python: the costliest loops of every
table page (comparisons/table.html draws the rest).

Drawn by the template engine, a cell cost about nine variable lookups (its options, text,
source markers and correction link): 5 500 of the 6 233 a filtered 40 × 30 page made. What a
cell shows of its own content (options and text) is built once per cell object, and the live
grid's objects are kept per content version (`comparisons.grid.live_grid`), so a new filter
combination only joins strings. The markup is what comparisons/table.html drew, every value
escaped as the template escaped it.
"""

from functools import lru_cache
from html import escape  # Django's escape, without its lazy-string wrapper: 2 per cell here

from django.utils.safestring import mark_safe

MISSING = '<span class="missing">Not written yet</span>'


def column_headings_html(strategies, id_prefix=""):
    """A <th> per strategy shown, as safe HTML."""
    return mark_safe("".join(_heading(id_prefix, s.slug, s.name, s.summary) for s in strategies))


@lru_cache(maxsize=4096)
def _heading(id_prefix, slug, name, summary):
    summary = f'<span class="summary">{escape(summary)}</span>' if summary else ""
    return (
        f'<th scope="col" id="{escape(id_prefix)}col-{escape(slug)}">{escape(name)}{summary}</th>'
    )


def rows_html(rows, id_prefix="", suggest_url=""):
    """A <tr> per row shown, its heading and cells, as safe HTML."""
    parts = []
    for row in rows:
        dimension = row.dimension
        parts.append(
            f'<tr id="{escape(id_prefix)}row-{escape(dimension.slug)}">'
            f'<th scope="row">{escape(dimension.name)}</th>'
        )
        _cells(parts, row, id_prefix, suggest_url)
        parts.append("</tr>")
    return mark_safe("".join(parts))


def _cells(parts, row, id_prefix, suggest_url):
    id_prefix = escape(id_prefix)
    dimension = row.dimension
    row_names = (dimension.slug, dimension.name)
    for strategy, cell, numbers in zip(row.strategies, row.cells, row.source_numbers, strict=True):
        parts.append("<td>")
        parts.append(MISSING if cell is None else _content(cell, dimension))
        for number in numbers:
            parts.append(
                f'<sup class="source-ref"><a href="#{id_prefix}sources-{number}" target="_self">'
                f'<span class="visually-hidden">Source </span>{number}</a></sup>'
            )
        if suggest_url:
            parts.append(_suggest_link(suggest_url, strategy.slug, strategy.name, *row_names))
        parts.append("</td>")


def _content(cell, dimension):
    """The cell's options (in a filterable row) and text, built once per cell object: the same
    for every table that shows it, so setting it twice at once sets the same string."""
    content = getattr(cell, "content_html", None)
    if content is None:
        content = ""
        if dimension.filterable and cell.option_list:
            items = "".join(f"<li>{escape(option.label)}</li>" for option in cell.option_list)
            content = f'<ul class="tags">{items}</ul>'
        content += cell.text_html or ""  # stored sanitised (editorial.markup), shown as it is
        cell.content_html = content
    return content


@lru_cache(maxsize=4096)
def _suggest_link(suggest_url, strategy_slug, strategy_name, dimension_slug, dimension_name):
    """The cell's "Suggest a correction" link: a function of these strings alone, so kept."""
    query = f"?strategy={escape(strategy_slug)}&amp;dimension={escape(dimension_slug)}"
    label = f"{escape(strategy_name)} × {escape(dimension_name)}"
    return (
        f'<a class="suggest-link" href="{escape(suggest_url)}{query}" rel="nofollow">'
        f'Suggest a correction<span class="visually-hidden"> for {label}</span></a>'
    )
