"""sitemap.xml, robots.txt and the Atom feed."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from comparisons.models import Cell, Comparison, Dimension, Option, Strategy
from content.models import Article
from pages.sitemaps import ComparisonSitemap
from sources.models import Source

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def hidden(starter):
    """A draft article, one scheduled for tomorrow and an unpublished comparison."""
    Article.objects.create(
        title="Secret draft", slug="secret-draft", summary="Draft.", body="Draft."
    )
    Article.objects.create(
        title="Tomorrow's article",
        slug="tomorrow",
        summary="Later.",
        body="Later.",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
    )
    Comparison.objects.create(title="Unfinished table", slug="unfinished", is_published=False)


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_lists_public_pages_with_lastmod(client, hidden):
    entries = sitemap_entries(client)
    for path in ("/", "/articles/", "/compare/", "/glossary/"):
        assert BASE + path in entries
    for article in Article.objects.published():
        url = BASE + article.get_absolute_url()
        assert entries[url] == max(article.updated_at, article.published_at).date().isoformat()
    for comparison in Comparison.objects.published():
        assert entries[BASE + comparison.get_absolute_url()]
    assert BASE + "/compare/outsourcing-vs-offshoring/" in entries


def test_sitemap_leaves_out_drafts_embeds_and_filters(client, hidden):
    urls = sitemap_entries(client)
    assert BASE + "/articles/secret-draft/" not in urls
    assert BASE + "/articles/tomorrow/" not in urls
    assert BASE + "/compare/unfinished/" not in urls
    assert not any("/embed/" in url or "?" in url or "/search/" in url for url in urls)
    assert all(url.startswith(BASE + "/") for url in urls)


def test_comparison_lastmod_follows_its_cells(starter):
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    old = datetime(2020, 1, 1, tzinfo=UTC)
    Comparison.objects.update(updated_at=old)
    Strategy.objects.update(updated_at=old)
    Dimension.objects.update(updated_at=old)
    Option.objects.update(updated_at=old)
    Cell.objects.update(updated_at=old)
    Source.objects.update(updated_at=old)
    edited = datetime(2021, 6, 1, tzinfo=UTC)
    cell = Cell.objects.filter(
        strategy__comparisons=comparison, dimension__comparisons=comparison
    ).first()
    Cell.objects.filter(pk=cell.pk).update(updated_at=edited)
    sitemap = ComparisonSitemap()
    lastmods = {item.slug: sitemap.lastmod(item) for item in sitemap.items()}
    assert lastmods["outsourcing-vs-offshoring"] == edited


def test_robots_txt(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /embed/" not in lines  # embeds carry a canonical link instead
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_sitemap_follows_the_scheme(client, db):
    body = client.get("/robots.txt", secure=True).content.decode()
    assert "Sitemap: https://testserver/sitemap.xml" in body.splitlines()


def test_feed_is_atom_of_published_articles_newest_first(client, hidden):
    response = client.get("/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "Sourcing Explained: articles"
    assert root.findtext(f"{ATOM}subtitle")
    assert root.findtext(f"{ATOM}updated")
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"alternate": BASE + "/articles/", "self": BASE + "/feed/"}

    published = list(Article.objects.published())
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [a.title for a in published]
    dates = [datetime.fromisoformat(e.findtext(f"{ATOM}published")) for e in entries]
    assert dates == sorted(dates, reverse=True)
    for entry, article in zip(entries, published, strict=True):
        assert entry.find(f"{ATOM}link").get("href") == BASE + article.get_absolute_url()
        assert entry.findtext(f"{ATOM}summary") == article.summary
        assert datetime.fromisoformat(entry.findtext(f"{ATOM}published")) == article.published_at
        assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) >= article.published_at
    titles = {e.findtext(f"{ATOM}title") for e in entries}
    assert "Secret draft" not in titles and "Tomorrow's article" not in titles


def test_feed_summary_is_html_escaped_text(client, db):
    Article.objects.create(
        title="Markup",
        slug="markup",
        summary="Costs <b>fall</b> & rise",
        body="Body.",
        status=Article.Status.PUBLISHED,
    )
    root = ET.fromstring(client.get("/feed/").content)
    summary = root.find(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "html"
    assert summary.text == "Costs &lt;b&gt;fall&lt;/b&gt; &amp; rise"
