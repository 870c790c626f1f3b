"""JSON-LD: Article and BreadcrumbList, valid JSON that no content can break out of."""

import json

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from comparisons.models import Comparison
from content.models import Article
from glossary.models import Term
from pages.templatetags.seo import jsonld_script

from .heads import Head, head_of

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
HOSTILE = "</script><script>alert(1)</script>"


def crumbs(data):
    items = data["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert all(item["@type"] == "ListItem" for item in items)
    return [(item["name"], item["item"]) for item in items]


def test_article_page_describes_the_article(client, starter):
    article = Article.objects.get(slug="outsourcing-vs-offshoring")
    head = head_of(client, article.get_absolute_url())
    data = head.jsonld_of_type("Article")
    url = BASE + article.get_absolute_url()
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == article.title
    assert data["description"] == article.summary
    assert data["datePublished"] == article.published_at.isoformat()
    assert data["dateModified"] == max(article.updated_at, article.published_at).isoformat()
    assert data["url"] == url == head.canonical
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    for role in ("publisher", "author"):
        assert data[role]["@type"] == "Organization"
        assert data[role]["name"] == "Sourcing Explained"


def test_article_breadcrumbs(client, starter):
    article = Article.objects.get(slug="when-to-outsource-or-offshore")
    data = head_of(client, article.get_absolute_url()).jsonld_of_type("BreadcrumbList")
    assert data["@context"] == "https://schema.org"
    assert crumbs(data) == [
        ("Home", BASE + "/"),
        ("Articles", BASE + "/articles/"),
        (article.title, BASE + article.get_absolute_url()),
    ]


def test_comparison_breadcrumbs_point_to_the_unfiltered_table(client, starter):
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    head = head_of(client, "/compare/outsourcing-vs-offshoring/?location=abroad")
    assert crumbs(head.jsonld_of_type("BreadcrumbList")) == [
        ("Home", BASE + "/"),
        ("Compare", BASE + "/compare/"),
        (comparison.title, BASE + "/compare/outsourcing-vs-offshoring/"),
    ]
    # The page itself (with what it cites: tests/comparisons/test_cell_sources.py), then its trail.
    assert [data["@type"] for data in head.jsonld] == ["WebPage", "BreadcrumbList"]


@pytest.mark.parametrize("url", ["/", "/articles/", "/compare/", "/embed/compare/sourcing-models/"])
def test_other_pages_have_no_breadcrumbs(client, starter, url):
    assert head_of(client, url).jsonld == []


def test_glossary_term_breadcrumbs_from_the_template_tag(db):
    term = Term.objects.create(
        name="Nearshoring", slug="nearshoring", short_definition="Near.", definition="Near."
    )
    request = RequestFactory().get("/glossary/nearshoring/")
    html = Template("{% load seo %}{% structured_data term %}").render(
        Context({"request": request, "term": term})
    )
    (data,) = Head(html).jsonld
    assert crumbs(data) == [
        ("Home", BASE + "/"),
        ("Glossary", BASE + "/glossary/"),
        ("Nearshoring", BASE + "/glossary/nearshoring/"),
    ]


def test_hostile_title_cannot_leave_the_json_ld_block(client, db):
    Article.objects.create(
        title=HOSTILE,
        slug="hostile",
        summary="<!-- & --> ' \" \u2028",
        body="Body.",
        status=Article.Status.PUBLISHED,
    )
    html = client.get("/articles/hostile/").content.decode()
    assert "<script>alert(1)" not in html
    head = Head(html)
    assert head.jsonld_of_type("Article")["headline"] == HOSTILE
    assert head.jsonld_of_type("Article")["description"] == "<!-- & --> ' \" \u2028"
    assert crumbs(head.jsonld_of_type("BreadcrumbList"))[-1][0] == HOSTILE
    # Every script element the browser sees is a JSON-LD block or a file: nothing runs inline.
    opened = html.count("<script")
    assert html.count("</script>") == opened
    assert opened == html.count('<script type="application/ld+json">') + html.count("<script src=")


def test_jsonld_escapes_markup_characters():
    html = jsonld_script({"x": "</script><!--&"})
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == {"x": "</script><!--&"}


def test_glossary_term_page_carries_its_breadcrumbs(client, starter):
    html = client.get("/glossary/nearshoring/").content.decode()
    (data,) = Head(html).jsonld
    assert crumbs(data) == [
        ("Home", BASE + "/"),
        ("Glossary", BASE + "/glossary/"),
        ("Nearshoring", BASE + "/glossary/nearshoring/"),
    ]
