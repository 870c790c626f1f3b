from django import template

from comparisons.table_html import row_cells_html

register = template.Library()


@register.simple_tag
def row_cells(row, id_prefix="", suggest_url=""):
    """{% row_cells row id_prefix suggest_url %}: the row's cells (comparisons.table_html)."""
    return row_cells_html(row, id_prefix or "", suggest_url or "")
