"""A comparison as it was at one version, rebuilt from `Version.data` alone.

`Version.data` is the JSON export of the whole table at that version (comparisons.exports
`as_data`). `PinnedGrid` turns it back into objects shaped like `comparisons.grid.GridData`
(strategies, dimensions, options, the live grid's own cells, sources), so that
`build_table(..., grid=...)` filters, picks and hides rows exactly as on the live table, and
the live templates draw it. Nothing is read from the live
grid tables: a version shows the same for ever, whatever editors change later.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from comparisons import pinning
from comparisons.grid import GridCell, GridData

from .models import Version


@dataclass
class PinnedStrategy:
    id: int
    slug: str
    name: str
    summary: str = ""


@dataclass
class PinnedDimension:
    id: int
    slug: str
    name: str
    filterable: bool = False
    description: str = ""


@dataclass
class PinnedOption:
    id: int
    order: int
    slug: str
    label: str
    dimension: PinnedDimension


@dataclass
class PinnedSource:
    title: str
    url: str
    publisher: str
    published: datetime.date | None
    accessed: datetime.date | None

    @property
    def pk(self):
        # Sources have no id in the data: one source is one set of fields.
        return (self.title, self.url, self.publisher, self.published, self.accessed)


@dataclass
class PinnedComparison:
    """What the templates read of a comparison: its title as it was, its live page."""

    slug: str
    title: str
    number: int
    url: str

    def get_absolute_url(self):
        return self.url


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _source(item):
    return PinnedSource(
        title=item.get("title", ""),
        url=item.get("url", ""),
        publisher=item.get("publisher", ""),
        published=_date(item.get("published")),
        accessed=_date(item.get("accessed")),
    )


class PinnedGrid(GridData):
    """GridData's shape and methods (cell, satisfies, matching, alike), built from `data`."""

    last_changed = None  # a version says its own date (changelog.embed_views)

    def __init__(self, data):  # GridData.__init__ is not called: it queries the database
        self.data = data
        self.strategies = [
            PinnedStrategy(i, s["slug"], s["name"], s.get("summary", ""))
            for i, s in enumerate(data.get("strategies", []), start=1)
        ]
        self.dimensions = [
            PinnedDimension(
                i, d["slug"], d["name"], bool(d.get("filterable")), d.get("description", "")
            )
            for i, d in enumerate(data.get("dimensions", []), start=1)
        ]
        self.dimension_by_slug = {d.slug: d for d in self.dimensions}
        self.options = {}
        option_by_key = {}
        for dimension, item in zip(self.dimensions, data.get("dimensions", []), strict=True):
            if not dimension.filterable:
                continue
            self.options[dimension.slug] = []
            for order, o in enumerate(item.get("options", [])):
                number = len(option_by_key) + 1
                option = PinnedOption(number, order, o["slug"], o["label"], dimension)
                self.options[dimension.slug].append(option)
                option_by_key[dimension.slug, option.slug] = option
        strategy_by_slug = {s.slug: s for s in self.strategies}
        self.cells = {}
        for item in data.get("cells", []):
            strategy = strategy_by_slug.get(item["strategy"])
            dimension = self.dimension_by_slug.get(item["dimension"])
            if strategy is None or dimension is None:
                continue
            options = [
                option_by_key[dimension.slug, slug]
                for slug in item.get("options", [])
                if (dimension.slug, slug) in option_by_key
            ]
            self.cells[strategy.id, dimension.id] = GridCell(
                id=len(self.cells) + 1,
                strategy_id=strategy.id,
                dimension_id=dimension.id,
                text=item.get("text", ""),
                text_html=item.get("html", ""),
                reviewed_at=_date(item.get("reviewed")),
                option_list=options,
                source_list=[_source(s) for s in item.get("sources", [])],
                option_slugs=frozenset(o.slug for o in options),
            )
        self.sources = self.cited_sources()


def find_version(comparison, number):
    """The version `number` of a published comparison, or None."""
    if number is None:
        return None
    return Version.objects.filter(comparison=comparison, number=number).first()


def latest_number(comparison):
    return (
        Version.objects.filter(comparison=comparison)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )


def pinned_comparison(comparison, version):
    title = version.data.get("comparison", {}).get("title") or comparison.title
    return PinnedComparison(comparison.slug, title, version.number, comparison.get_absolute_url())


def embed_path(comparison, number):
    return reverse("changelog:embed", args=[comparison.slug, number])


class Provider:
    """What comparisons reaches of versions (comparisons.pinning), registered by the app."""

    @staticmethod
    def grid(comparison, number):
        version = find_version(comparison, number)
        return PinnedGrid(version.data) if version else None

    @staticmethod
    def embed_version(match):
        if match.namespace != "changelog" or match.url_name != "embed":
            return None
        return pinning.parse_number(match.kwargs.get("version"))

    embed_path = staticmethod(embed_path)
