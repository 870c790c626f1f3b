"""Canonical addresses, Open Graph, Twitter cards and robots rules in every page's <head>."""

import pytest

from comparisons.models import Comparison
from content.models import Article

from .heads import SUFFIX, head_of

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/", "/"),
        ("/?utm_source=newsletter", "/"),
        ("/articles/", "/articles/"),
        ("/articles/outsourcing-vs-offshoring/", "/articles/outsourcing-vs-offshoring/"),
        ("/articles/outsourcing-vs-offshoring/?ref=x", "/articles/outsourcing-vs-offshoring/"),
        ("/compare/outsourcing-vs-offshoring/", "/compare/outsourcing-vs-offshoring/"),
        (
            "/compare/outsourcing-vs-offshoring/?location=abroad&goal=cut-costs",
            "/compare/outsourcing-vs-offshoring/",
        ),
        ("/compare/sourcing-models/?show=risks", "/compare/sourcing-models/"),
        (
            "/embed/compare/outsourcing-vs-offshoring/?location=abroad&theme=dark&controls=0",
            "/compare/outsourcing-vs-offshoring/",
        ),
        ("/glossary/", "/glossary/"),
        ("/search/?q=nearshoring", "/search/"),
    ],
)
def test_canonical_is_absolute_and_drops_filters_and_query(client, starter, url, canonical):
    assert head_of(client, url).canonical == BASE + canonical


def test_canonical_follows_the_scheme(client, starter):
    head = head_of(client, "/compare/outsourcing-vs-offshoring/?location=abroad", secure=True)
    assert head.canonical == "https://testserver/compare/outsourcing-vs-offshoring/"


def test_embed_pages_name_the_full_page_as_canonical(client, starter):
    head = head_of(client, "/embed/compare/sourcing-models/?location=abroad")
    assert "robots" not in head.meta
    assert head.canonical == BASE + "/compare/sourcing-models/"


def test_404_is_not_indexed_and_has_no_canonical(client, db):
    head = head_of(client, "/no/such/page/", status=404)
    assert head.meta["robots"] == "noindex"
    assert head.canonical is None
    assert "og:url" not in head.meta


def test_search_results_are_not_indexed(client, starter):
    assert head_of(client, "/search/?q=offshoring").meta["robots"] == "noindex"
    assert "robots" not in head_of(client, "/search/").meta


def test_missing_article_404_is_not_indexed(client, db):
    head = head_of(client, "/articles/no-such-article/", status=404)
    assert head.meta["robots"] == "noindex"


@pytest.mark.parametrize(
    "url",
    ["/", "/articles/", "/articles/outsourcing-vs-offshoring/", "/compare/sourcing-models/"],
)
def test_public_pages_may_be_indexed(client, starter, url):
    assert "robots" not in head_of(client, url).meta


@pytest.mark.parametrize(
    ("url", "og_type"),
    [
        ("/", "website"),
        ("/articles/", "website"),
        ("/articles/outsourcing-vs-offshoring/", "article"),
        ("/articles/when-to-outsource-or-offshore/", "article"),
        ("/compare/", "website"),
        ("/compare/outsourcing-vs-offshoring/?location=abroad&goal=cut-costs", "website"),
        ("/embed/compare/outsourcing-vs-offshoring/", "website"),
        ("/glossary/", "website"),
    ],
)
def test_open_graph_and_twitter_repeat_title_and_description(client, starter, url, og_type):
    head = head_of(client, url)
    meta = head.meta
    assert head.title.endswith(SUFFIX)
    title = head.title.removesuffix(SUFFIX)
    assert title
    assert meta["og:title"] == meta["twitter:title"] == title
    assert len(meta["description"]) >= 20
    assert meta["og:description"] == meta["twitter:description"] == meta["description"]
    assert meta["og:url"] == head.canonical
    assert meta["og:type"] == og_type
    assert meta["og:site_name"] == "Sourcing Explained"
    assert meta["twitter:card"] == "summary"


def test_article_metadata_comes_from_the_article(client, starter):
    article = Article.objects.get(slug="outsourcing-vs-offshoring")
    head = head_of(client, article.get_absolute_url())
    assert head.title == article.title + SUFFIX
    assert head.meta["og:title"] == article.title
    assert head.meta["description"] == head.meta["og:description"] == article.summary


def test_filtered_comparison_keeps_its_title_text(client, starter):
    head = head_of(client, "/compare/outsourcing-vs-offshoring/?location=abroad")
    assert head.title == "Outsourcing vs. offshoring (filtered)" + SUFFIX
    assert head.meta["og:title"] == "Outsourcing vs. offshoring (filtered)"


def test_hostile_title_is_escaped_in_every_tag(client, db):
    Article.objects.create(
        title='"><script>alert(1)</script>',
        slug="hostile",
        summary='A "quoted" <b>summary</b> & more.',
        body="Body.",
        status=Article.Status.PUBLISHED,
    )
    response = client.get("/articles/hostile/")
    html = response.content.decode()
    assert "<script>alert(1)" not in html and "<b>summary" not in html
    head = head_of(client, "/articles/hostile/")
    assert head.meta["og:title"] == '"><script>alert(1)</script>'
    assert head.meta["twitter:description"] == 'A "quoted" <b>summary</b> & more.'


def test_head_links_the_atom_feed(client, starter):
    head = head_of(client, "/")
    feeds = [link for link in head.links if link.get("type") == "application/atom+xml"]
    assert [(link["rel"], link["href"]) for link in feeds] == [("alternate", "/feed/")]


def test_titles_and_descriptions_are_unique_across_public_pages(client, starter):
    urls = ["/", "/articles/", "/compare/", "/glossary/"]
    urls += [article.get_absolute_url() for article in Article.objects.published()]
    urls += [comparison.get_absolute_url() for comparison in Comparison.objects.published()]
    assert len(urls) >= 8
    heads = {url: head_of(client, url) for url in urls}
    titles = [head.title for head in heads.values()]
    descriptions = [head.meta["description"] for head in heads.values()]
    assert len(set(titles)) == len(urls), titles
    assert len(set(descriptions)) == len(urls), descriptions
