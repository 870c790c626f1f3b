"""Load the starter sources shipped in sources/starter.toml, and find them for the starter
cells and articles that cite them.

Only what is missing is created (a source is known by its URL); nothing that exists is changed.
"""

import tomllib
from pathlib import Path

from django.db import transaction

from .models import Source

STARTER_FILE = Path(__file__).resolve().parent / "starter.toml"


def read_starter(path=STARTER_FILE):
    with open(path, "rb") as f:
        return tomllib.load(f)["sources"]


@transaction.atomic
def load_sources(path=STARTER_FILE):
    """Create the starter sources that are missing; return the URLs of those created."""
    created = set()
    for item in read_starter(path):
        if Source.objects.filter(url=item["url"]).exists():
            continue
        Source.objects.create(
            url=item["url"],
            title=item["title"],
            publisher=item.get("publisher", ""),
            published=item.get("published"),
            accessed=item["accessed"],
        )
        created.add(item["url"])
    return created


def sources_by_url(urls):
    """The sources with these URLs, in the same order. A URL no source has is a mistake in the
    starter files (each must be in starter.toml), so it raises ValueError."""
    found = {}
    for source in Source.objects.filter(url__in=urls).order_by("id"):
        found.setdefault(source.url, source)
    missing = [url for url in urls if url not in found]
    if missing:
        raise ValueError(f"Starter content cites sources missing from starter.toml: {missing}")
    return [found[url] for url in urls]
