"""The comparison as data: JSON and CSV, with the same filters as the page."""

import csv
import io

from django.urls import reverse

from .parameters import PICK, SHOW


def invalid_filters_message(table):
    """A readable 400 message naming, for each bad parameter, the values that would work."""
    parts = []
    for parameter, value in table.unknown:
        if parameter == SHOW:
            valid = [d.slug for d in table.dimensions]
        elif parameter == PICK:
            valid = [s.slug for s in table.all_strategies]
        else:
            valid = table.options[parameter]
        parts.append(
            f"“{value}” is not a valid value for “{parameter}”; valid values: {', '.join(valid)}."
        )
    return " ".join(parts)


def _dimensions(table):
    """The visible rows, with each filterable row's options and their faceted counts."""
    facets = {f.dimension.slug: f for f in table.facets}
    dimensions = []
    for row in table.rows:
        dimension = row.dimension
        item = {
            "slug": dimension.slug,
            "name": dimension.name,
            "filterable": dimension.filterable,
            "description": dimension.description,
        }
        if dimension.filterable and dimension.slug in facets:
            item["options"] = [
                {
                    "slug": f.option.slug,
                    "label": f.option.label,
                    "count": f.count,
                    "selected": f.selected,
                }
                for f in facets[dimension.slug].options
            ]
        dimensions.append(item)
    return dimensions


def _cells(table):
    cells = []
    for row in table.rows:
        for strategy, cell in zip(table.matching, row.cells, strict=True):
            if cell is None:
                continue
            item = {
                "strategy": strategy.slug,
                "dimension": row.dimension.slug,
                "text": cell.text,
                "html": cell.text_html,
            }
            if row.dimension.filterable:
                item["options"] = [o.slug for o in cell.option_list]
            item["sources"] = [_source(source) for source in cell.source_list]
            item["reviewed"] = _iso(cell.reviewed_at)
            cells.append(item)
    return cells


def _iso(day):
    return day.isoformat() if day else None


def _source(source):
    return {
        "title": source.title,
        "url": source.url,
        "publisher": source.publisher,
        "published": _iso(source.published),
        "accessed": _iso(source.accessed),
    }


def as_dict(table, request):
    """The JSON export: the table's data, with the absolute address of the page it shows."""
    data = as_data(table)
    page_url = reverse("comparisons:detail", args=[table.comparison.slug])
    url = request.build_absolute_uri(page_url + table.state.query_string())
    data["comparison"] = {"url": url, **data["comparison"]}
    return data


def as_data(table):
    """The table as data, without addresses: the export, and what the change log keeps of each
    version of a comparison."""
    comparison = table.comparison
    return {
        "comparison": {
            "slug": comparison.slug,
            "title": comparison.title,
            "updated_at": comparison.updated_at.isoformat(),
            "version": comparison.public_version,
            "updated": comparison.public_updated.isoformat() if comparison.public_updated else None,
            "reviewed": _iso(comparison.reviewed_at),
        },
        "filters": table.state.as_dict(),
        "show": list(table.state.show),
        "pick": list(table.state.pick),
        "differences": table.state.differences,
        "hidden_rows": table.hidden_rows,
        "strategies": [
            {"slug": s.slug, "name": s.name, "summary": s.summary} for s in table.matching
        ],
        "dimensions": _dimensions(table),
        "cells": _cells(table),
    }


def _spreadsheet_safe(text):
    # A leading =, +, @, tab or carriage return (or - not starting a list) makes spreadsheets
    # run the field as a formula: =HYPERLINK(...) in a name is a link to anywhere.
    if text[:1] in ("=", "+", "@", "\t", "\r") or (text[:1] == "-" and text[1:2] != " "):
        return "'" + text
    return text


def as_csv(table):
    """The table as CSV, every field neutralised against spreadsheet formulas: the header row
    (strategy names), the dimension names and the cells are all editors' text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    rows = [["Dimension", *[s.name for s in table.matching]]]
    for row in table.rows:
        texts = [cell.text.strip() if cell else "" for cell in row.cells]
        rows.append([row.dimension.name, *texts])
    writer.writerows([_spreadsheet_safe(field) for field in fields] for fields in rows)
    return buffer.getvalue()
