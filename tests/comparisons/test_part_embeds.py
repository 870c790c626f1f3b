"""Embeds of a part of a comparison: the pair (/embed/compare/<slug>/<a>-vs-<b>/) and the map
(/embed/compare/<slug>/map/), as an embedder's page and its readers get them."""

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone

from comparisons.models import Comparison
from tests.comparisons.tables import column_headings
from tests.comparisons.test_embeds import directives
from tests.config.test_hostile_input import KNOWN_HOSTILE, wsgi

pytestmark = pytest.mark.django_db

MODELS = "sourcing-models"
PAIR_EMBED = f"/embed/compare/{MODELS}/offshoring-vs-nearshoring/"
PAIR_PAGE = f"/compare/{MODELS}/offshoring-vs-nearshoring/"
MAIN = "/compare/outsourcing-vs-offshoring/"
MAP_EMBED = "/embed/compare/outsourcing-vs-offshoring/map/"
SVG = "{http://www.w3.org/2000/svg}"


def h1(html):
    return re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)


def assert_frameable_and_stateless(response):
    assert "X-Frame-Options" not in response
    policy = directives(response)
    assert policy["frame-ancestors"] == ["https:", "http:"]
    assert policy["script-src"] == ["'self'"] and policy["default-src"] == ["'none'"]
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize("url", [PAIR_EMBED, MAP_EMBED])
def test_part_embeds_are_frameable_cookieless_and_publicly_cached(starter, url):
    client = Client()
    client.cookies["sessionid"] = "abc"  # a stale cookie changes nothing
    for _ in ("rendered", "from the page cache"):
        response = client.get(url, {"location": "abroad"})
        assert response.status_code == 200
        assert_frameable_and_stateless(response)
        assert "public" in response["Cache-Control"]
        assert "max-age=300" in response["Cache-Control"]
        assert "HX-Request" in response["Vary"]
    html = response.content.decode()
    assert "js/embed-frame" in html  # the script that reports the height to the host page
    assert '<nav aria-label="Main">' not in html
    # A real browser's POST carries no CSRF token: it still gets "method not allowed".
    assert Client(enforce_csrf_checks=True).post(url).status_code == 405


@pytest.mark.parametrize("url", [PAIR_PAGE, MAIN + "map.svg"])
def test_the_pages_the_part_embeds_show_still_refuse_to_be_framed(client, starter, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert directives(response)["frame-ancestors"] == ["'none'"]


def test_pair_embed_shows_the_two_strategies_under_the_pairs_title(client, starter):
    html = client.get(PAIR_EMBED).content.decode()
    assert column_headings(html) == ["offshoring", "nearshoring"]
    assert len(h1(html)) == 1 and "Offshoring vs. nearshoring" in h1(html)[0]
    assert f'<link rel="canonical" href="http://testserver{PAIR_PAGE}">' in html
    assert "<title>Offshoring vs. nearshoring · " in html


def test_pair_embed_title_links_to_the_pair_page_as_filtered(client, starter):
    html = client.get(PAIR_EMBED, {"location": "abroad", "theme": "dark"}).content.decode()
    heading = h1(html)[0]
    assert f'href="{PAIR_PAGE}?location=abroad"' in heading


def test_pair_embed_filters_stay_in_the_frame_and_on_the_pair(client, starter):
    html = client.get(PAIR_EMBED, {"performer": "own-staff", "theme": "dark"}).content.decode()
    assert f'<form class="filters" method="get" action="{PAIR_EMBED}" target="_self"' in html
    assert 'hx-push-url="false"' in html
    assert 'name="pick"' not in html  # the address names the pair: no column picker
    assert '<input type="hidden" name="theme" value="dark">' in html
    assert 'class="theme-dark"' in html
    # Offshoring is done by the company's own staff, nearshoring by either.
    assert column_headings(html) == ["offshoring", "nearshoring"]
    assert "pick=" not in html  # the pair needs none in its own links


def test_pair_embed_htmx_fragment_is_the_embeds_explorer(client, starter):
    response = client.get(PAIR_EMBED, {"location": "abroad"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="explorer"')
    assert column_headings(html) == ["offshoring", "nearshoring"]
    assert '<p id="result-status" hx-swap-oob="innerHTML">' in html
    assert_frameable_and_stateless(response)


def test_pair_embed_without_controls_shows_only_the_table(client, starter):
    html = client.get(PAIR_EMBED, {"controls": "0"}).content.decode()
    assert '<form class="filters"' not in html
    assert column_headings(html) == ["offshoring", "nearshoring"]


def test_pair_embed_in_the_other_order_redirects_keeping_the_query(client, starter):
    response = client.get(
        f"/embed/compare/{MODELS}/nearshoring-vs-offshoring/", {"location": "abroad"}
    )
    assert response.status_code == 301
    assert response["Location"] == PAIR_EMBED + "?location=abroad"
    assert "X-Frame-Options" not in response


@pytest.mark.parametrize(
    "url",
    [
        f"/embed/compare/{MODELS}/offshoring-vs-nobody/",
        f"/embed/compare/{MODELS}/offshoring-vs-offshoring/",
        "/embed/compare/no-such-table/offshoring-vs-nearshoring/",
        # A strategy of the other comparison only.
        "/embed/compare/outsourcing-vs-offshoring/offshoring-vs-nearshoring/",
    ],
)
def test_an_unknown_pair_is_a_frameable_404_that_says_so(client, starter, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "X-Frame-Options" not in response
    assert directives(response)["frame-ancestors"] == ["https:", "http:"]
    assert h1(response.content.decode()) == ["This comparison is not available"]


def test_an_unpublished_comparison_has_no_pair_embed_even_for_staff(staff_client, starter):
    Comparison.objects.filter(slug=MODELS).update(is_published=False)
    assert staff_client.get(PAIR_EMBED).status_code == 404


def map_links(html):
    """Every link of the map embed's figure: the SVG's boxes and the list, as (tag, attributes)."""
    svg = re.search(r"<svg\b.*?</svg>", html, re.S).group(0)
    boxes = [("svg", a.attrib) for a in ET.fromstring(svg).iter(SVG + "a")]
    words = html.split('class="map-words"', 1)[1].split("</ul>", 1)[0]
    listed = [
        ("li", dict(re.findall(r'(\w+)="([^"]*)"', attributes)))
        for attributes in re.findall(r"<a ([^>]+)>", words)
    ]
    return boxes + listed


def test_map_embed_shows_the_map_alone_and_its_links_open_a_new_tab(client, starter):
    html = client.get(MAP_EMBED).content.decode()
    assert len(h1(html)) == 1 and "Map: Outsourcing vs. offshoring" in h1(html)[0]
    assert '<form class="filters"' not in html and "<table" not in html
    links = map_links(html)
    assert len(links) == 8  # four boxes, drawn and listed
    for _tag, attributes in links:
        assert attributes["href"].startswith(MAIN + "?")
        assert attributes["target"] == "_blank" and attributes["rel"] == "noopener"


def test_map_on_the_comparison_page_and_alone_keeps_its_links_in_the_tab(client, starter):
    page = client.get(MAIN).content.decode()
    alone = client.get(MAIN + "map.svg").content.decode()
    for body in (page.split("<svg", 1)[1].split("</svg>", 1)[0], alone):
        assert "target=" not in body


def test_map_embed_honours_filters_and_pick(client, starter):
    html = client.get(MAP_EMBED, {"pick": "offshoring"}).content.decode()
    svg = re.search(r"<svg\b.*?</svg>", html, re.S).group(0)
    assert "Offshoring" in svg and "Offshore outsourcing" not in svg
    assert "pick=offshoring" in svg
    # The title leads to the table as filtered here.
    assert f'href="{MAIN}?pick=offshoring"' in h1(html)[0]


def test_map_embed_when_nothing_matches_says_so(client, starter):
    html = client.get(MAP_EMBED, {"location": "home-country", "performer": "own-staff"})
    html = html.content.decode()
    assert "No strategy matches these filters, so the map is empty." in html
    assert "<svg" not in html


def test_map_embed_to_htmx_is_still_the_whole_page(client, starter):
    response = client.get(MAP_EMBED, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" in response.content.decode()


def test_map_embed_of_a_comparison_without_a_map_is_a_frameable_404(client, starter):
    Comparison.objects.filter(slug="outsourcing-vs-offshoring").update(
        map_across=None, map_down=None
    )
    for url in (MAP_EMBED, "/embed/compare/no-such-table/map/"):
        response = client.get(url)
        assert response.status_code == 404
        assert directives(response)["frame-ancestors"] == ["https:", "http:"]
        assert h1(response.content.decode()) == ["This map is not available"]


def test_map_embed_theme_is_applied(client, starter):
    html = client.get(MAP_EMBED, {"theme": "dark"}).content.decode()
    assert 'class="theme-dark"' in html


def citation(html, kind):
    found = re.search(rf'<textarea id="cite-{kind}"[^>]*>(.*?)</textarea>', html, re.S)
    return unescape(found.group(1))


def test_pair_embed_cites_the_pair_as_filtered_with_version_and_date(client, starter):
    comparison = Comparison.objects.get(slug=MODELS)
    html = client.get(PAIR_EMBED, {"location": "abroad", "theme": "dark"}).content.decode()
    url = f"http://testserver{PAIR_PAGE}?location=abroad"
    plain = citation(html, "plain")
    assert plain.startswith("“Offshoring vs. nearshoring”. Sourcing Explained, version ")
    assert f"version {comparison.public_version}, " in plain and plain.endswith(f". {url}")
    bibtex = citation(html, "bibtex")
    assert "title = {Offshoring vs. nearshoring}," in bibtex
    assert f"version = {{{comparison.public_version}}}," in bibtex
    updated = timezone.localdate(comparison.public_updated)
    assert f"date = {{{updated.isoformat()}}}," in bibtex
    assert f"url = {{{url}}}," in bibtex


def test_map_embed_cites_the_map_and_the_table_it_belongs_to(client, starter):
    html = client.get(MAP_EMBED, {"pick": "offshoring"}).content.decode()
    plain = citation(html, "plain")
    assert plain.startswith("“Map: Outsourcing vs. offshoring”. Sourcing Explained, version ")
    assert plain.endswith(f". http://testserver{MAIN}?pick=offshoring")
    assert "title = {Map: Outsourcing vs. offshoring}," in citation(html, "bibtex")


@pytest.mark.parametrize("raw", KNOWN_HOSTILE)
def test_the_pair_embeds_redirect_takes_any_query_without_a_server_error(client, starter, raw):
    url = f"/embed/compare/{MODELS}/nearshoring-vs-offshoring/"
    response = client.get(url, QUERY_STRING=wsgi(raw))
    assert response.status_code in (301, 400), (raw[:100], response.status_code)
    if response.status_code == 301:
        assert response["Location"].startswith(PAIR_EMBED)
