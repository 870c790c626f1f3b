"""What readers can see of a comparison's data, and what changed between two versions of it.

The data is the JSON export's (`comparisons.exports.as_data`). Only what a reader sees counts:
the title, the columns and rows in order with their names, the options, and each cell's text
(its words: spacing is not a change), options and sources. A re-render after a glossary edit,
a review date or a new timestamp changes nothing here, so it makes no version.
"""

from .models import Kind


def visible(data):
    """The part of `data` a reader sees, in a form that compares equal when they see the same."""
    return {
        "title": data["comparison"]["title"],
        "strategies": [_strategy(s) for s in data["strategies"]],
        "dimensions": [_dimension(d) for d in data["dimensions"]],
        "cells": {(c["strategy"], c["dimension"]): _cell(c) for c in data["cells"]},
    }


def _strategy(item):
    return (item["slug"], item["name"], item.get("summary", ""))


def _dimension(item):
    options = tuple(option["label"] for option in item.get("options", []))
    return (item["slug"], item["name"], item.get("description", ""), options)


def _words(text):
    return " ".join((text or "").split())


def _cell(item):
    sources = tuple((s.get("title"), s.get("url")) for s in item.get("sources", []))
    return (_words(item["text"]), tuple(item.get("options", [])), sources)


def changes(old, new):
    """(kind, subject, before, after) for each visible change from `old` to `new` (data)."""
    before, after = visible(old), visible(new)
    found = []
    if before["title"] != after["title"]:
        found.append((Kind.TITLE, "Title", before["title"], after["title"]))
    found += _axis(before["strategies"], after["strategies"], STRATEGY_KINDS, "Strategy")
    found += _axis(before["dimensions"], after["dimensions"], DIMENSION_KINDS, "Row")
    found += _options(before["dimensions"], after["dimensions"])
    found += _cells(old, new, before, after)
    return found


STRATEGY_KINDS = (
    Kind.STRATEGY_ADDED,
    Kind.STRATEGY_REMOVED,
    Kind.STRATEGY_RENAMED,
    Kind.STRATEGIES_REORDERED,
)
DIMENSION_KINDS = (
    Kind.DIMENSION_ADDED,
    Kind.DIMENSION_REMOVED,
    Kind.DIMENSION_RENAMED,
    Kind.DIMENSIONS_REORDERED,
)


def _axis(old, new, kinds, noun):
    """Columns or rows: (slug, name, description...) tuples, in order."""
    added, removed, renamed, reordered = kinds
    old_by, new_by = {i[0]: i for i in old}, {i[0]: i for i in new}
    found = [(added, f"{noun} “{i[1]}”", "", i[1]) for i in new if i[0] not in old_by]
    found += [(removed, f"{noun} “{i[1]}”", i[1], "") for i in old if i[0] not in new_by]
    for slug, item in new_by.items():
        was = old_by.get(slug)
        if was and was[1:3] != item[1:3]:
            found.append((renamed, f"{noun} “{item[1]}”", _named(was), _named(item)))
    kept_old = [i[1] for i in old if i[0] in new_by]
    kept_new = [i[1] for i in new if i[0] in old_by]
    if [new_by[old_i[0]][1] for old_i in old if old_i[0] in new_by] != kept_new:
        found.append((reordered, f"{noun}s", ", ".join(kept_old), ", ".join(kept_new)))
    return found


def _named(item):
    return f"{item[1]}: {item[2]}" if item[2] else item[1]


def _options(old, new):
    old_by = {d[0]: d for d in old}
    return [
        (Kind.OPTIONS_CHANGED, f"Row “{d[1]}”", ", ".join(old_by[d[0]][3]), ", ".join(d[3]))
        for d in new
        if d[0] in old_by and old_by[d[0]][3] != d[3]
    ]


def _cells(old_data, new_data, before, after):
    names = _names(old_data) | _names(new_data)
    labels = _option_labels(old_data) | _option_labels(new_data)
    both_axes = {s[0] for s in after["strategies"]} & {s[0] for s in before["strategies"]}
    both_rows = {d[0] for d in after["dimensions"]} & {d[0] for d in before["dimensions"]}
    old_cells, new_cells = before["cells"], after["cells"]
    found = []
    for key in [*new_cells, *(k for k in old_cells if k not in new_cells)]:
        if key[0] not in both_axes or key[1] not in both_rows:
            continue  # a whole column or row came or went: said once, above
        subject = f"{names.get(key[0], key[0])} × {names.get(key[1], key[1])}"
        was, now = old_cells.get(key), new_cells.get(key)
        if was is None or now is None:
            kind = Kind.CELL_ADDED if was is None else Kind.CELL_REMOVED
            found.append((kind, subject, was[0] if was else "", now[0] if now else ""))
            continue
        if was[0] != now[0]:
            found.append((Kind.CELL_TEXT, subject, _text(old_data, key), _text(new_data, key)))
        if was[1] != now[1]:
            found.append(
                (Kind.CELL_OPTIONS, subject, _labels(was[1], labels), _labels(now[1], labels))
            )
        if was[2] != now[2]:
            found.append((Kind.CELL_SOURCES, subject, _titles(was[2]), _titles(now[2])))
    return found


def _names(data):
    return {s["slug"]: s["name"] for s in data["strategies"]} | {
        d["slug"]: d["name"] for d in data["dimensions"]
    }


def _option_labels(data):
    return {o["slug"]: o["label"] for d in data["dimensions"] for o in d.get("options", [])}


def _text(data, key):
    """The cell's Markdown as the editor wrote it (the diff shows it line by line)."""
    for cell in data["cells"]:
        if (cell["strategy"], cell["dimension"]) == key:
            return cell["text"]
    return ""


def _labels(slugs, labels):
    return ", ".join(labels.get(slug, slug) for slug in slugs)


def _titles(sources):
    return "; ".join(title or url for title, url in sources)
