"""Load the starter comparisons shipped in comparisons/starter/*.toml.

Only what is missing is created; nothing that exists is changed, so running it again never
duplicates content or undoes an editor's work.
"""

import tomllib
from pathlib import Path

from django.db import transaction

from sources.starter import sources_by_url

from .models import (
    Cell,
    CellSource,
    Comparison,
    ComparisonDimension,
    ComparisonStrategy,
    Dimension,
    Option,
    Strategy,
)

STARTER_DIR = Path(__file__).resolve().parent / "starter"


def read_starter(directory=STARTER_DIR):
    with open(directory / "catalogue.toml", "rb") as f:
        catalogue = tomllib.load(f)
    with open(directory / "comparisons.toml", "rb") as f:
        comparisons = tomllib.load(f)
    return catalogue, comparisons


@transaction.atomic
def load_comparisons(directory=STARTER_DIR, new_sources=frozenset()):
    """Create missing starter objects; return a count of what was created, by kind.
    `new_sources`: the URLs of the starter sources just created (sources.starter)."""
    catalogue, data = read_starter(directory)
    created = dict.fromkeys(["dimensions", "options", "strategies", "cells", "comparisons"], 0)
    dimensions = _load_dimensions(catalogue["dimensions"], created)
    strategies = _load_strategies(catalogue["strategies"], dimensions, created, new_sources)
    for item in data["comparisons"]:
        if not Comparison.objects.filter(slug=item["slug"]).exists():
            _create_comparison(item, strategies, dimensions)
            created["comparisons"] += 1
    return created


def _load_dimensions(items, created):
    dimensions = {}
    for item in items:
        dimension, new = Dimension.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "filterable": item.get("filterable", False),
                "description": item.get("description", ""),
                "question": item.get("question", ""),
            },
        )
        created["dimensions"] += new
        dimensions[dimension.slug] = dimension
        if new:
            for order, opt in enumerate(item.get("options", []), start=1):
                Option.objects.create(
                    dimension=dimension, slug=opt["slug"], label=opt["label"], order=order
                )
                created["options"] += 1
    return dimensions


def _load_strategies(items, dimensions, created, new_sources):
    options = {(o.dimension.slug, o.slug): o for o in Option.objects.select_related("dimension")}
    strategies = {}
    for item in items:
        strategy, new = Strategy.objects.get_or_create(
            slug=item["slug"],
            defaults={"name": item["name"], "summary": item.get("summary", "")},
        )
        created["strategies"] += new
        strategies[strategy.slug] = strategy
        for dimension_slug, cell_data in item.get("cells", {}).items():
            cell, new_cell = Cell.objects.get_or_create(
                strategy=strategy,
                dimension=dimensions[dimension_slug],
                defaults={"text": cell_data["text"]},
            )
            if new_cell:
                created["cells"] += 1
                chosen = [
                    options[dimension_slug, slug]
                    for slug in cell_data.get("options", [])
                    if (dimension_slug, slug) in options
                ]
                if chosen:
                    cell.options.add(*chosen)
            _cite(cell, cell_data.get("sources", []), new_cell, new_sources)
    return strategies


def _cite(cell, urls, new_cell, new_sources):
    """Link a starter cell to its starter sources: a new cell to all of them, a cell that was
    there already only to sources created in this run (a site older than sources), so that a
    source an editor took off a cell stays off."""
    for order, source in enumerate(sources_by_url(urls), start=1):
        if new_cell or source.url in new_sources:
            CellSource.objects.get_or_create(
                cell=cell, source=source, defaults={"order": order * 10}
            )


def _create_comparison(item, strategies, dimensions):
    axes = item.get("map", {})
    comparison = Comparison.objects.create(
        slug=item["slug"],
        title=item["title"],
        intro=item.get("intro", ""),
        is_published=item.get("published", True),
        map_across=dimensions[axes["across"]] if axes else None,
        map_down=dimensions[axes["down"]] if axes else None,
    )
    for order, slug in enumerate(item["strategies"], start=1):
        ComparisonStrategy.objects.create(
            comparison=comparison, strategy=strategies[slug], order=order * 10
        )
    for order, slug in enumerate(item["dimensions"], start=1):
        ComparisonDimension.objects.create(
            comparison=comparison, dimension=dimensions[slug], order=order * 10
        )
