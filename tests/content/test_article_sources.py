"""An article's sources: chosen and ordered in its admin page, listed at its end."""

import datetime
import re

import pytest
from django.urls import reverse

from content.models import Article, ArticleSource
from sources.models import Source
from tests.admin_forms import submitted

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 27)
ITEM = re.compile(r'<li><a href="([^"]+)" rel="noopener">([^<]+)</a>')


def sources_section(html):
    if 'id="article-sources-heading"' not in html:
        return ""
    start = html.index('<section class="sources" aria-labelledby="article-sources-heading">')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def article(starter):
    return Article.objects.get(slug="out-staffing-and-reshoring")  # cites nothing yet


@pytest.fixture
def report(db):
    return Source.objects.create(
        title="Staff leasing explained",
        url="https://example.org/staff-leasing",
        publisher="Example Review",
        published=datetime.date(2024, 2, 29),
        accessed=TODAY,
    )


def test_the_main_articles_list_their_sources_at_the_end(client, starter):
    html = client.get("/articles/outsourcing-vs-offshoring/").text
    section = sources_section(html)
    assert ITEM.findall(section) == [
        ("https://en.wikipedia.org/wiki/Outsourcing", "Outsourcing"),
        ("https://en.wikipedia.org/wiki/Offshoring", "Offshoring"),
    ]
    assert "Wikipedia" in section and "checked" in section
    assert html.index('<div class="prose">') < html.index(section) < html.index("</article>")


def test_an_article_without_sources_has_no_sources_section(client, article):
    assert sources_section(client.get(article.get_absolute_url()).text) == ""


def test_an_editor_adds_and_orders_sources_in_the_article_admin(editor_client, article, report):
    wikipedia = Source.objects.get(url="https://en.wikipedia.org/wiki/Outsourcing")
    change = reverse("admin:content_article_change", args=[article.pk])
    data = submitted(editor_client.get(change)) | {
        "source_links-TOTAL_FORMS": "2",
        "source_links-0-source": str(wikipedia.pk),
        "source_links-0-order": "20",
        "source_links-1-source": str(report.pk),
        "source_links-1-order": "10",
    }
    response = editor_client.post(change, data)
    assert response.status_code == 302, response.text
    section = sources_section(editor_client.get(article.get_absolute_url()).text)
    assert [title for _url, title in ITEM.findall(section)] == [
        "Staff leasing explained",
        "Outsourcing",
    ]
    assert 'published <time datetime="2024-02-29">29 February 2024</time>' in section
    # The source's admin page lists the article among what cites it.
    page = editor_client.get(reverse("admin:sources_source_change", args=[report.pk]))
    assert f"article “{article.title}”" in page.text


@pytest.mark.parametrize(
    "changes",
    [
        {"source_links-0-source": "\x00"},
        {"source_links-0-source": "not-an-id"},
        {"source_links-0-source": "999999"},
        {"source_links-0-order": "\x00"},
        {"source_links-0-order": "-1"},
        {"source_links-0-order": "9" * 1000},
    ],
    ids=["nul-source", "junk-source", "unknown-source", "nul-order", "negative", "huge"],
)
def test_hostile_inline_input_gets_a_form_error(editor_client, article, report, changes):
    change = reverse("admin:content_article_change", args=[article.pk])
    data = submitted(editor_client.get(change)) | {
        "source_links-TOTAL_FORMS": "1",
        "source_links-0-source": str(report.pk),
        "source_links-0-order": "1",
        **changes,
    }
    response = editor_client.post(change, data)
    assert response.status_code == 200
    assert "Please correct the error below." in response.text
    assert not ArticleSource.objects.filter(article=article).exists()


def test_the_same_source_twice_is_refused(editor_client, article, report):
    change = reverse("admin:content_article_change", args=[article.pk])
    data = submitted(editor_client.get(change)) | {
        "source_links-TOTAL_FORMS": "2",
        "source_links-0-source": str(report.pk),
        "source_links-1-source": str(report.pk),
    }
    response = editor_client.post(change, data)
    assert response.status_code == 200
    assert not ArticleSource.objects.filter(article=article).exists()
