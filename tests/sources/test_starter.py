"""The starter sources: only works checked to exist, cited where they back what is said, and
loaded like the rest of the starter content (only what is missing)."""

import pytest

from comparisons.models import Cell, CellSource
from content.models import Article, ArticleSource
from sources.models import Source
from sources.starter import read_starter
from tests.glossary.test_starter import load

pytestmark = pytest.mark.django_db

# Each opened and checked on 2026-11-27 (the English Wikipedia's articles on the two terms).
VERIFIED = {
    "https://en.wikipedia.org/wiki/Outsourcing": "Outsourcing",
    "https://en.wikipedia.org/wiki/Offshoring": "Offshoring",
}


def cited_by_cell(strategy, dimension):
    cell = Cell.objects.get(strategy__slug=strategy, dimension__slug=dimension)
    return [link.source.url for link in CellSource.objects.filter(cell=cell)]


def test_the_starter_cites_only_verified_wikipedia_articles():
    items = read_starter()
    assert {item["url"]: item["title"] for item in items} == VERIFIED
    for item in items:
        assert item["publisher"] == "Wikipedia"
        assert "published" not in item  # Wikipedia articles carry no publication date
        assert item["accessed"].isoformat() == "2026-11-27"


def test_starter_sources_back_the_definitions_and_the_main_articles():
    assert "2 sources" in load()
    assert set(Source.objects.values_list("url", flat=True)) == set(VERIFIED)
    for source in Source.objects.all():
        source.full_clean()
    assert cited_by_cell("outsourcing", "definition") == [
        "https://en.wikipedia.org/wiki/Outsourcing"
    ]
    assert cited_by_cell("offshoring", "definition") == ["https://en.wikipedia.org/wiki/Offshoring"]
    # A cell no source is sure to back stays unsourced.
    assert cited_by_cell("nearshoring", "definition") == []
    assert cited_by_cell("outsourcing", "risks") == []
    for slug in ("outsourcing-vs-offshoring", "when-to-outsource-or-offshore"):
        urls = [s.url for s in Article.objects.get(slug=slug).source_list()]
        assert urls == list(VERIFIED), slug


def test_loading_again_creates_nothing_and_keeps_what_editors_removed():
    load()
    links = CellSource.objects.count(), ArticleSource.objects.count()
    assert "0 sources" in load()
    assert (CellSource.objects.count(), ArticleSource.objects.count()) == links
    CellSource.objects.filter(cell__strategy__slug="outsourcing").delete()
    ArticleSource.objects.filter(article__slug="outsourcing-vs-offshoring").delete()
    load()
    assert cited_by_cell("outsourcing", "definition") == []
    assert not Article.objects.get(slug="outsourcing-vs-offshoring").source_list()


def test_a_site_from_before_sources_gets_them_linked_once():
    load()
    Source.objects.all().delete()  # as a database from before this feature
    assert "2 sources" in load()
    assert cited_by_cell("offshoring", "definition") == ["https://en.wikipedia.org/wiki/Offshoring"]
    assert len(Article.objects.get(slug="when-to-outsource-or-offshore").source_list()) == 2
