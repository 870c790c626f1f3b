"""The map of a comparison: /compare/<slug>/map.svg and the figure on the comparison page.

The starter maps put `location` across (home country, abroad) and `performer` down (a
third-party provider, the company's own staff), as comparisons/starter/*.toml say.
"""

import gzip
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.test import Client

from comparisons.models import Comparison, ComparisonDimension, Dimension

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
MAIN = "/compare/outsourcing-vs-offshoring/"
FAMILY = "/compare/sourcing-models/"
HOME_PROVIDER = "?location=home-country&performer=third-party"
ABROAD_PROVIDER = "?location=abroad&performer=third-party"
HOME_OWN = "?location=home-country&performer=own-staff"
ABROAD_OWN = "?location=abroad&performer=own-staff"


def get_map(client, query="", page=MAIN):
    response = client.get(page + "map.svg" + query)
    assert response.status_code == 200, response.content[:300]
    return response


def boxes(response):
    """{box link: [strategy names in the box]}, read as XML (so the SVG is well-formed too)."""
    root = ET.fromstring(response.content)
    found = {}
    for link in root.iter(SVG + "a"):
        names = [
            " ".join(span.text for span in text.iter(SVG + "tspan"))
            for text in link.iter(SVG + "text")
            if text.get("class") != "map-none"
        ]
        found[link.get("href")] = names
    return found


def test_each_strategy_sits_in_every_box_whose_two_options_it_has(client, starter):
    assert boxes(get_map(client)) == {
        MAIN + HOME_PROVIDER: ["Outsourcing"],
        MAIN + ABROAD_PROVIDER: ["Outsourcing", "Offshore outsourcing"],
        MAIN + HOME_OWN: [],
        MAIN + ABROAD_OWN: ["Offshoring"],
    }


def test_a_strategy_with_two_options_of_each_axis_sits_in_four_boxes(client, starter):
    found = boxes(get_map(client, page=FAMILY))
    assert found[FAMILY + ABROAD_PROVIDER] == [
        "Offshore outsourcing",
        "Nearshoring",
        "Out-staffing",
    ]
    assert found[FAMILY + ABROAD_OWN] == ["Offshoring", "Nearshoring"]
    assert found[FAMILY + HOME_OWN] == ["In-house", "Reshoring"]
    assert found[FAMILY + HOME_PROVIDER] == ["Domestic outsourcing", "Out-staffing"]


def test_map_is_an_accessible_svg_image_with_title_and_desc(client, starter):
    response = get_map(client)
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == SVG + "svg" and root.get("role") == "img"
    title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == (
        "Map of Outsourcing vs. offshoring: Who performs the work and Where the work is done"
    )
    # The desc says in words what the map shows, box by box.
    assert "Where the work is done across (Home country, Abroad)" in desc.text
    assert "Abroad, A third-party provider: Outsourcing, Offshore outsourcing." in desc.text
    assert "Home country, The company's own staff: none." in desc.text
    # Every box says what it holds and where it leads, for a pointer's tooltip.
    assert all(link.find(SVG + "title").text for link in root.iter(SVG + "a"))
    texts = {t.text for t in root.iter(SVG + "text")} | {t.text for t in root.iter(SVG + "tspan")}
    assert {"Where the work is done", "Home country", "Abroad", "A third-party"} <= texts


def test_map_has_no_script_style_or_foreign_content(client, starter):
    body = get_map(client, page=FAMILY).content.decode()
    for forbidden in ("<script", "<style", " style=", "<foreignObject", "javascript:"):
        assert forbidden not in body
    assert not re.search(r"\son[a-z]+=", body)


@pytest.mark.parametrize("page", [MAIN, FAMILY])
def test_starter_maps_weigh_under_4_kb_gzipped(client, starter, page):
    assert len(gzip.compress(get_map(client, page=page).content)) <= 4096


def test_filters_decide_which_strategies_the_boxes_hold(client, starter):
    found = boxes(get_map(client, "?goal=enter-new-markets"))
    assert sorted(n for names in found.values() for n in names) == ["Offshoring"]
    # A box's link keeps the other filters and sets the map's two rows to its own options.
    assert MAIN + "?location=abroad&performer=own-staff&goal=enter-new-markets" in found


def test_a_filter_on_an_axis_keeps_the_grid_and_replaces_that_filter_in_links(client, starter):
    found = boxes(get_map(client, "?location=home-country"))
    # Only outsourcing can be done at home; it can be done abroad too, and the map says so.
    assert found == {
        MAIN + HOME_PROVIDER: ["Outsourcing"],
        MAIN + ABROAD_PROVIDER: ["Outsourcing"],
        MAIN + HOME_OWN: [],
        MAIN + ABROAD_OWN: [],
    }


def test_pick_limits_the_strategies_and_stays_in_the_links(client, starter):
    found = boxes(get_map(client, "?pick=offshoring&pick=outsourcing"))
    assert sorted(n for names in found.values() for n in names) == [
        "Offshoring",
        "Outsourcing",
        "Outsourcing",
    ]
    assert f"{MAIN}?pick=outsourcing&pick=offshoring&location=abroad&performer=own-staff" in found
    desc = ET.fromstring(get_map(client, "?pick=offshoring").content).find(SVG + "desc").text
    assert "1 of 3 strategies are shown." in desc


def test_show_without_the_map_rows_still_draws_them(client, starter):
    found = boxes(get_map(client, "?show=goal"))
    assert found[f"{MAIN}?location=abroad&performer=own-staff&show=goal"] == ["Offshoring"]
    assert len(found) == 4


@pytest.mark.parametrize(
    "query",
    [
        "?location=%00",
        "?location=" + "x" * 5000,
        "?pick=%3Cscript%3E&performer=%22%3E%3Csvg%20onload%3Dalert(1)%3E",
        "?show=&show=%FF%FE&pick=",
        "?location=abroad&location=abroad&location=" + "&location=".join(["a"] * 60),
        "?differences=1&goal=cut-costs&goal=%F0%9F%98%80",
        "?" + "&".join(f"x{i}=1" for i in range(200)),
    ],
)
def test_hostile_queries_get_a_well_formed_map_never_an_error(client, starter, query):
    response = get_map(client, query)
    assert len(boxes(response)) == 4
    body = response.content.decode()
    assert "<script" not in body and "onload" not in body and "\x00" not in body


def test_a_comparison_without_a_map_has_no_map_svg_and_no_figure(client, starter):
    Comparison.objects.filter(slug="outsourcing-vs-offshoring").update(
        map_across=None, map_down=None
    )
    assert client.get(MAIN + "map.svg").status_code == 404
    assert 'class="map-panel"' not in client.get(MAIN).content.decode()


def test_a_misconfigured_map_answers_404(client, starter):
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    goal = Dimension.objects.get(slug="goal")
    ComparisonDimension.objects.filter(comparison=comparison, dimension__slug="location").delete()
    assert client.get(MAIN + "map.svg").status_code == 404  # an axis that is no longer a row
    Comparison.objects.filter(pk=comparison.pk).update(map_across=goal, map_down=goal)
    assert client.get(MAIN + "map.svg").status_code == 404  # twice the same row
    Dimension.objects.filter(slug="goal").update(filterable=False)
    Comparison.objects.filter(pk=comparison.pk).update(
        map_down=Dimension.objects.get(slug="performer")
    )
    assert client.get(MAIN + "map.svg").status_code == 404  # a row without options
    assert client.get(MAIN).status_code == 200


def test_an_unpublished_comparison_has_its_map_for_staff_only(staff_client, starter):
    Comparison.objects.filter(slug="outsourcing-vs-offshoring").update(is_published=False)
    assert Client().get(MAIN + "map.svg").status_code == 404
    assert staff_client.get(MAIN + "map.svg").status_code == 200
    assert Client().get("/compare/no-such-thing/map.svg").status_code == 404


def test_map_is_cached_and_revalidated(client, starter, django_assert_num_queries):
    first = get_map(client)
    assert "s-maxage" in first["Cache-Control"] and first["ETag"]
    again = client.get(MAIN + "map.svg", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    with django_assert_num_queries(1):  # the content version, for the cache's key: no grid
        assert get_map(client).content == first.content


def test_loading_the_map_costs_a_fixed_number_of_queries(
    client, starter, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # the view's own queries, not the page cache's key
    # The comparison, then its grid: columns, rows, options, cells, sources; whatever its size.
    for page in (MAIN, FAMILY):
        with django_assert_num_queries(6):
            get_map(client, "?goal=cut-costs", page=page)


class Tags(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_comparison_page_shows_the_map_figure_with_a_text_equivalent(client, starter):
    html = client.get(FAMILY).content.decode()
    assert '<details class="map-panel" open>' in html
    assert "<summary>Map: Who performs the work" in html
    assert '<figure class="map-figure">' in html and "<figcaption>" in html
    # Inline, the boxes are links readers use: a labelled group, not an image.
    assert 'role="group" aria-labelledby="map-title" aria-describedby="map-desc"' in html
    # The same boxes as a list of links, for screen readers and text browsers.
    assert (
        f'<li><a href="{FAMILY}?location=abroad&amp;performer=own-staff">Abroad, '
        "The company&#x27;s own staff</a>: Offshoring, Nearshoring</li>"
    ) in html
    # Before the table in the HTML (the stylesheet moves it after the table on phones).
    assert html.index('class="map-panel"') < html.index('class="table-region"')


def test_the_map_on_the_page_follows_the_filters_in_the_htmx_fragment(client, starter):
    response = client.get(MAIN + "?goal=enter-new-markets", headers={"hx-request": "true"})
    html = response.content.decode()
    assert '<details class="map-panel" open>' in html
    assert "Home country, A third-party provider</a>: none</li>" in html
    assert "Abroad, The company&#x27;s own staff</a>: Offshoring</li>" in html


def test_the_map_is_left_out_when_nothing_matches(client, starter):
    html = client.get(MAIN + "?location=home-country&performer=own-staff").content.decode()
    assert "No strategy matches" in html and 'class="map-panel"' not in html


def test_the_page_with_its_map_keeps_the_strict_csp(client, starter):
    response = client.get(MAIN)
    assert "style-src 'self'" in response["Content-Security-Policy"]
    for tag, attrs in Tags(response.content.decode()).tags:
        assert tag != "style"
        assert "style" not in attrs and not any(name.startswith("on") for name in attrs), tag
