"""A source: a web address readers can follow, with honest dates; registered as content."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from comparisons.models import Cell, CellSource
from content.models import ArticleSource
from editorial import registry
from sources.models import Source

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 27)


def source(**fields):
    return Source(
        **{
            "title": "Outsourcing",
            "url": "https://en.wikipedia.org/wiki/Outsourcing",
            "publisher": "Wikipedia",
            "accessed": TODAY,
            **fields,
        }
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript://example.org/%0Aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/report.pdf",
        "file:///etc/passwd",
        "//example.org/no-scheme",
        "example.org",
    ],
)
def test_only_web_addresses_are_accepted(url):
    with pytest.raises(ValidationError) as error:
        source(url=url).full_clean()
    assert "url" in error.value.message_dict


@pytest.mark.parametrize("url", ["https://example.org/a?b=c#d", "http://example.org/"])
def test_http_and_https_addresses_are_accepted(url):
    source(url=url).full_clean()


def test_a_source_cannot_have_been_checked_in_the_future():
    with pytest.raises(ValidationError) as error:
        source(accessed=datetime.date.today() + datetime.timedelta(days=2)).full_clean()
    assert "accessed" in error.value.message_dict


def test_a_source_cannot_be_published_after_it_was_checked():
    with pytest.raises(ValidationError) as error:
        source(published=datetime.date(2026, 11, 28), accessed=TODAY).full_clean()
    assert "published" in error.value.message_dict
    source(published=datetime.date(2020, 3, 1), accessed=TODAY).full_clean()


def test_publication_date_and_publisher_are_optional():
    source(publisher="", published=None).full_clean()


def test_name_and_order():
    Source.objects.create(title="Zebra", url="https://example.org/z", accessed=TODAY)
    source().save()
    assert [str(s) for s in Source.objects.all()] == ["Outsourcing (Wikipedia)", "Zebra"]


def test_a_source_has_no_public_page():
    # Readers meet sources in the lists under tables and articles (see sources.models).
    assert not hasattr(Source, "get_absolute_url")


def test_sources_and_their_links_are_content_parents_first():
    # The page cache, export/import and the Editors group follow the registry; import needs
    # each source before the links that point at it, and each cell before its links.
    models = registry.models()
    assert {Source, CellSource, ArticleSource} <= set(models)
    assert models.index(Source) < models.index(Cell) < models.index(CellSource)
    assert models.index(Source) < models.index(ArticleSource)


def test_one_source_backs_many_cells(starter):
    wikipedia = Source.objects.get(url="https://en.wikipedia.org/wiki/Outsourcing")
    cells = Cell.objects.filter(dimension__slug="drivers")[:2]
    for order, cell in enumerate(cells):
        CellSource.objects.create(cell=cell, source=wikipedia, order=order)
    assert set(wikipedia.cells.all()) >= set(cells)
    with pytest.raises(IntegrityError), transaction.atomic():
        CellSource.objects.create(cell=cells[0], source=wikipedia)
