"""Sources on cells: numbered markers in the table, the list under it, in the exports and the
JSON-LD; loaded in one query whatever the size of the table."""

import datetime
import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comparisons.models import Cell, CellSource, Comparison, Dimension, Strategy
from content.models import Article
from sources.models import Source
from tests.admin_forms import submitted
from tests.comparisons.tables import make_grid
from tests.pages.heads import head_of

pytestmark = pytest.mark.django_db

MAIN = "/compare/outsourcing-vs-offshoring/"
PAIR = MAIN + "outsourcing-vs-offshoring/"
EMBED = "/embed/compare/outsourcing-vs-offshoring/"
OUTSOURCING = "https://en.wikipedia.org/wiki/Outsourcing"
OFFSHORING = "https://en.wikipedia.org/wiki/Offshoring"
MARKER = re.compile(
    r'<sup class="source-ref"><a href="#([a-z0-9-]+)" target="_self">'
    r'<span class="visually-hidden">Source </span>(\d+)</a></sup>'
)
LISTED = re.compile(r'<li id="([a-z0-9-]+)"><a href="([^"]+)" rel="noopener">([^<]+)</a>')


def cell(strategy, dimension):
    return Cell.objects.get(strategy__slug=strategy, dimension__slug=dimension)


def cite(cell, source, order=0):
    return CellSource.objects.create(cell=cell, source=source, order=order)


def markers(html):
    return [(target, int(number)) for target, number in MARKER.findall(html)]


def ids(html):
    return re.findall(r'\sid="([^"]+)"', html)


@pytest.mark.parametrize("url", [MAIN, PAIR, EMBED])
def test_cited_sources_are_numbered_in_cells_and_listed_under_the_table(client, starter, url):
    html = client.get(url).text
    assert markers(html) == [("sources-1", 1), ("sources-2", 2)]
    assert LISTED.findall(html) == [
        ("sources-1", OUTSOURCING, "Outsourcing"),
        ("sources-2", OFFSHORING, "Offshoring"),
    ]
    assert 'aria-labelledby="sources-heading"' in html
    assert '<h2 id="sources-heading">Sources</h2>' in html
    checked = '<span class="checked">checked <time datetime="2026-11-27">27 November 2026</time>'
    assert f"Wikipedia, {checked}</span>." in html
    assert not [i for i, n in Counter(ids(html)).items() if n > 1]


def test_numbers_follow_the_order_and_a_source_cited_twice_keeps_its_number(client, starter):
    report = Source.objects.create(
        title="A report",
        url="https://example.org/report",
        publisher="Example Institute",
        published=datetime.date(2025, 3, 1),
        accessed=datetime.date(2026, 11, 20),
    )
    cite(cell("outsourcing", "definition"), report, order=1)  # before Wikipedia's (10)
    wikipedia = Source.objects.get(url=OUTSOURCING)
    cite(cell("offshore-outsourcing", "definition"), wikipedia)
    html = client.get(MAIN).text
    numbers = [number for _target, number in markers(html)]
    assert numbers == [1, 2, 3, 2]  # reading order: row by row, left to right
    assert [title for _id, _url, title in LISTED.findall(html)] == [
        "A report",
        "Outsourcing",
        "Offshoring",
    ]
    assert (
        '<a href="https://example.org/report" rel="noopener">A report</a>, Example Institute, '
        'published <time datetime="2025-03-01">1 March 2025</time>, <span class="checked">'
        'checked <time datetime="2026-11-20">20 November 2026</time></span>.'
    ) in html


def test_only_the_sources_of_the_cells_shown_are_listed(client, starter):
    html = client.get(MAIN, {"pick": "offshoring"}).text
    assert LISTED.findall(html) == [("sources-1", OFFSHORING, "Offshoring")]
    assert markers(html) == [("sources-1", 1)]
    html = client.get(MAIN, {"show": "location"}).text
    assert "source-ref" not in html and "sources-heading" not in html


def test_the_htmx_fragment_carries_the_markers_and_the_list(client, starter):
    html = client.get(MAIN, {"location": "abroad"}, HTTP_HX_REQUEST="true").text
    assert markers(html) == [("sources-1", 1), ("sources-2", 2)]
    assert len(LISTED.findall(html)) == 2


def test_live_tables_in_an_article_keep_every_id_unique(client, starter):
    article = Article.objects.create(
        title="Two tables",
        slug="two-tables",
        summary="Two live tables.",
        body="[[compare outsourcing-vs-offshoring]]\n\nBetween.\n\n"
        "[[compare outsourcing-vs-offshoring pick=offshoring]]\n",
        status=Article.Status.PUBLISHED,
        published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )
    article.sources.add(Source.objects.get(url=OFFSHORING), through_defaults={"order": 1})
    html = client.get(article.get_absolute_url()).text
    page_ids = ids(html)
    assert not [i for i, n in Counter(page_ids).items() if n > 1]
    found = markers(html)
    assert len(found) == 3
    assert all(target in page_ids for target, _number in found)  # each marker leads somewhere
    assert {target.split("-sources-")[0] for target, _number in found} == {"t0", "t2"}
    assert '<h2 id="article-sources-heading">Sources</h2>' in html


def test_json_cells_carry_their_sources_and_review_date(client, starter):
    data = client.get("/compare/outsourcing-vs-offshoring.json").json()
    assert data["comparison"]["reviewed"] is None
    cells = {(c["strategy"], c["dimension"]): c for c in data["cells"]}
    assert cells["outsourcing", "definition"]["sources"] == [
        {
            "title": "Outsourcing",
            "url": OUTSOURCING,
            "publisher": "Wikipedia",
            "published": None,
            "accessed": "2026-11-27",
        }
    ]
    assert cells["outsourcing", "risks"]["sources"] == []
    assert all(c["reviewed"] is None for c in data["cells"])
    csv = client.get("/compare/outsourcing-vs-offshoring.csv").text
    assert "wikipedia" not in csv.lower()  # the CSV stays as it was


def test_json_ld_cites_every_source_of_the_table(client, starter):
    Source.objects.filter(url=OFFSHORING).update(published=datetime.date(2020, 5, 4))
    # Filtered, the page still describes (and cites) the whole table.
    head = head_of(client, MAIN + "?pick=outsourcing")
    page = head.jsonld_of_type("WebPage")
    assert page["url"] == "http://testserver" + MAIN
    assert page["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "Outsourcing",
            "url": OUTSOURCING,
            "publisher": {"@type": "Organization", "name": "Wikipedia"},
        },
        {
            "@type": "CreativeWork",
            "name": "Offshoring",
            "url": OFFSHORING,
            "publisher": {"@type": "Organization", "name": "Wikipedia"},
            "datePublished": "2020-05-04",
        },
    ]
    assert "lastReviewed" not in page


def test_hostile_source_text_stays_text(client, starter):
    hostile = '</script><script>alert(1)</script>"><img src=x onerror=alert(1)>'
    Source.objects.filter(url=OUTSOURCING).update(title=hostile, publisher=hostile)
    html = client.get(MAIN).text
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    citation = head_of(client, MAIN).jsonld_of_type("WebPage")["citation"][0]
    assert citation["name"] == hostile


def test_sources_cost_one_query_whatever_the_size(client, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    counts = []
    for strategies, dimensions in ((2, 3), (5, 7)):
        for model in (Comparison, Strategy, Dimension, Source):
            model.objects.all().delete()
        comparison = make_grid(strategies=strategies, dimensions=dimensions)
        for n, grid_cell in enumerate(Cell.objects.all()):
            source = Source.objects.create(
                title=f"Source {n}", url=f"https://example.org/{n}", accessed="2026-11-27"
            )
            cite(grid_cell, source)
        url = comparison.get_absolute_url()
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url).text
        counts.append(len(ctx.captured_queries))
        assert len(LISTED.findall(html)) == strategies * dimensions
    # The comparison, then its grid: columns, rows, options, cells, sources, when it last changed.
    assert counts[0] == counts[1] == 7


def test_an_editor_adds_sources_to_a_cell_in_its_admin_page(editor_client, starter):
    target = cell("nearshoring", "definition")
    report = Source.objects.create(
        title="Report", url="https://example.org/", accessed="2026-11-27"
    )
    url = reverse("admin:comparisons_cell_change", args=[target.pk])
    data = submitted(editor_client.get(url)) | {
        "source_links-TOTAL_FORMS": "1",
        "source_links-0-source": str(report.pk),
        "source_links-0-order": "1",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.text
    assert list(target.sources.all()) == [report]
    assert "Report" in editor_client.get("/compare/sourcing-models/").text
