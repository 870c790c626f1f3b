"""The table's costliest loops, drawn in Python (comparisons.table_html)."""

from django import template

from comparisons.table_html import column_headings_html, rows_html

register = template.Library()


@register.simple_tag
def column_headings(strategies, id_prefix=""):
    """{% column_headings table.matching id_prefix %}: a <th> per strategy shown."""
    return column_headings_html(strategies, id_prefix or "")


@register.simple_tag
def table_rows(rows, id_prefix="", suggest_url=""):
    """{% table_rows table.rows id_prefix suggest_url %}: a <tr> per row shown."""
    return rows_html(rows, id_prefix or "", suggest_url or "")
