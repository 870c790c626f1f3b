"""Pair pages, `pick=` and `differences=1`: what a reader comparing two strategies sees."""

import csv
import io
import json
import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError

from comparisons.models import Comparison, Strategy
from tests.comparisons.tables import column_headings, row_headings

pytestmark = pytest.mark.django_db

MODELS = "/compare/sourcing-models/"
PAIR = MODELS + "offshoring-vs-nearshoring/"
MAIN = "/compare/outsourcing-vs-offshoring/"


def jsonld(html):
    return [
        json.loads(m)
        for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]


def test_a_pair_page_shows_the_two_strategies_side_by_side(client, starter):
    response = client.get(PAIR)
    html = response.content.decode()
    assert response.status_code == 200
    assert column_headings(html) == ["offshoring", "nearshoring"]
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html) == ["Offshoring vs. nearshoring"]
    assert "<title>Offshoring vs. nearshoring · " in html
    assert f'<link rel="canonical" href="http://testserver{PAIR}">' in html
    assert 'property="og:title" content="Offshoring vs. nearshoring"' in html
    description = re.search(r'<meta name="description" content="([^"]+)"', html).group(1)
    assert "offshoring and nearshoring side by side" in description
    page, breadcrumb = jsonld(html)
    assert page["@type"] == "WebPage" and page["name"] == "Offshoring vs. nearshoring"
    assert breadcrumb["itemListElement"][-1]["item"] == "http://testserver" + PAIR


def test_a_pair_page_links_to_the_other_pairs_of_each_strategy(client, starter):
    html = client.get(PAIR).content.decode()
    nav = html.split('class="other-pairs"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="([^"]+)">', nav)
    # Seven strategies: each of the two has five other partners, always in column order.
    assert len(links) == 10
    assert MODELS + "in-house-vs-offshoring/" in links
    assert MODELS + "nearshoring-vs-out-staffing/" in links
    assert PAIR not in links
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_other_order_redirects_permanently_keeping_the_query(client, starter):
    response = client.get(MODELS + "nearshoring-vs-offshoring/?location=abroad")
    assert response.status_code == 301
    assert response["Location"] == PAIR + "?location=abroad"


@pytest.mark.parametrize(
    "path",
    [
        "offshoring-vs-nowhere/",
        "nowhere-vs-offshoring/",
        "offshoring-vs-offshoring/",
        "outsourcing-vs-nearshoring/",  # outsourcing is a column of the other comparison only
        "offshoring-vs-nearshoring-vs-reshoring/",
        "-vs-offshoring/",
    ],
)
def test_unknown_pairs_are_404(client, starter, path):
    assert client.get(MODELS + path).status_code == 404


def test_a_pair_of_an_unpublished_comparison_is_404_for_readers(client, starter):
    Comparison.objects.filter(slug="sourcing-models").update(is_published=False)
    assert client.get(PAIR).status_code == 404


def test_filters_and_fragments_work_on_a_pair_page(client, starter):
    response = client.get(PAIR, {"location": "abroad"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="explorer"')
    assert column_headings(html) == ["offshoring", "nearshoring"]
    assert f'hx-get="{PAIR}"' in html
    assert "pick=" not in html  # the address names the pair
    # Neither keeps the work in the home country: the pair's own "nothing matches".
    nothing = client.get(PAIR, {"location": "home-country"}).content.decode()
    assert "No strategy matches all these filters" in nothing
    assert f'href="{PAIR}"' in nothing  # clearing the filters keeps the pair


def test_the_sitemap_lists_every_pair_of_every_published_comparison(client, starter):
    xml = client.get("/sitemap.xml").content.decode()
    pairs = re.findall(r"<loc>http://testserver(/compare/[^<]+-vs-[^<]+/)</loc>", xml)
    pair_pages = [p for p in pairs if p.count("/") == 4]
    # 3 strategies: 3 pairs; 7 strategies: 21 pairs.
    assert len(pair_pages) == 3 + 21
    assert PAIR in pair_pages


def test_a_strategy_slug_with_vs_is_refused(starter):
    strategy = Strategy(name="A versus B", slug="a-vs-b")
    with pytest.raises(ValidationError, match="-vs-"):
        strategy.full_clean()


def test_the_admin_refuses_a_strategy_slug_with_vs(staff_client, starter):
    response = staff_client.post(
        "/admin/comparisons/strategy/add/", {"name": "A versus B", "slug": "a-vs-b"}
    )
    assert response.status_code == 200
    assert "may not contain" in response.content.decode()
    assert not Strategy.objects.filter(slug="a-vs-b").exists()


# pick=


def test_pick_limits_the_columns_before_filters(client, starter):
    html = client.get(MODELS, {"pick": ["reshoring", "in-house"]}).content.decode()
    assert column_headings(html) == ["in-house", "reshoring"]  # column order, not query order
    assert "All 2 strategies shown." in html
    # Filters then choose among the picked strategies only: offshoring is picked but abroad.
    query = {"pick": ["reshoring", "in-house", "offshoring"], "location": "home-country"}
    html = client.get(MODELS, query).content.decode()
    assert column_headings(html) == ["in-house", "reshoring"]
    assert "2 of 3 strategies match." in html


def test_pick_checkboxes_show_the_choice_and_work_without_javascript(client, starter):
    html = client.get(MODELS, {"pick": ["offshoring", "nearshoring"]}).content.decode()
    checked = re.findall(
        r'<input type="checkbox" id="pick-([a-z-]+)" name="pick" [^>]*checked', html
    )
    assert checked == ["offshoring", "nearshoring"]
    # None ticked is every strategy: the whole table's address has no pick= at all.
    everything = client.get(MODELS).content.decode()
    assert len(re.findall(r'id="pick-[a-z-]+" name="pick" value="[a-z-]+">', everything)) == 7
    assert "checked" not in everything.split('class="facet pick"', 1)[1].split("</fieldset>")[0]


def test_picking_every_strategy_is_the_whole_table(client, starter):
    everything = client.get(MODELS).content.decode()
    strategies = column_headings(everything)
    picked = client.get(MODELS, {"pick": strategies}).content.decode()
    assert column_headings(picked) == strategies
    assert "pick=" not in picked


def test_an_unknown_pick_is_ignored_with_a_notice_on_pages(client, starter):
    for url in (MODELS, "/embed" + MODELS):
        response = client.get(url, {"pick": ["offshoring", "<b>nope</b>"]})
        html = response.content.decode()
        assert response.status_code == 200
        assert column_headings(html) == ["offshoring"]
        assert "<code>pick=&lt;b&gt;nope&lt;/b&gt;</code>" in html


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_an_unknown_pick_is_a_400_naming_the_valid_strategies(client, starter, suffix):
    response = client.get(MODELS.rstrip("/") + suffix, {"pick": "nope"})
    assert response.status_code == 400
    assert "in-house, domestic-outsourcing, offshoring" in response.content.decode()


def test_pick_limits_the_exports(client, starter):
    data = client.get(MODELS.rstrip("/") + ".json", {"pick": ["nearshoring", "offshoring"]}).json()
    assert [s["slug"] for s in data["strategies"]] == ["offshoring", "nearshoring"]
    assert data["pick"] == ["offshoring", "nearshoring"]
    assert {c["strategy"] for c in data["cells"]} == {"offshoring", "nearshoring"}
    text = client.get(MODELS.rstrip("/") + ".csv", {"pick": ["nearshoring", "offshoring"]})
    assert text.content.decode().splitlines()[0] == "Dimension,Offshoring,Nearshoring"


@pytest.mark.parametrize(
    "value", ["", " ", "x" * 5000, "\x00", "offshoring\x00", "%", "../", "-vs-", "☃"]
)
def test_hostile_picks_never_fail(client, starter, value):
    for url in (MODELS, PAIR, "/embed" + MODELS):
        assert client.get(url, {"pick": value}).status_code == 200
    assert client.get(MODELS.rstrip("/") + ".json", {"pick": value}).status_code in (200, 400)


# differences=1


def test_differences_hides_rows_where_every_shown_strategy_says_the_same(client, starter):
    every = client.get(PAIR).content.decode()
    differing = client.get(PAIR, {"differences": "1"}).content.decode()
    all_rows, shown = row_headings(every), row_headings(differing)
    assert 0 < len(shown) < len(all_rows)
    hidden = len(all_rows) - len(shown)
    notice = re.search(r'<p class="notice hidden-rows"[^>]*>(.*?)</p>', differing, re.S).group(1)
    assert notice.startswith(f"{hidden} row")
    assert f'href="{PAIR}"' in notice  # "Show them": the same pair without differences
    assert 'id="differences" name="differences" value="1" checked' in differing


def test_differences_compares_the_options_of_filterable_rows(client, starter):
    # Offshoring and offshore outsourcing both happen abroad; who does the work differs.
    url = MAIN + "offshoring-vs-offshore-outsourcing/"
    rows = row_headings(client.get(url, {"differences": "1"}).content.decode())
    assert "Where the work is done" not in rows
    assert "Who performs the work" in rows


def test_differences_works_on_fragments_embeds_and_exports(client, starter):
    fragment = client.get(PAIR, {"differences": "1"}, headers={"HX-Request": "true"})
    assert 'class="notice hidden-rows"' in fragment.content.decode()
    embed = client.get(
        "/embed" + MODELS, {"differences": "1", "pick": ["offshoring", "nearshoring"]}
    )
    assert 'class="notice hidden-rows"' in embed.content.decode()
    query = {"differences": "1", "pick": ["offshoring", "nearshoring"]}
    data = client.get(MODELS.rstrip("/") + ".json", query).json()
    every = client.get(MODELS.rstrip("/") + ".json", {"pick": query["pick"]}).json()
    assert data["differences"] is True and data["hidden_rows"] > 0
    assert len(data["dimensions"]) == len(every["dimensions"]) - data["hidden_rows"]
    text = client.get(MODELS.rstrip("/") + ".csv", query).content.decode()
    assert len(list(csv.reader(io.StringIO(text)))) == len(data["dimensions"]) + 1


def test_the_comparison_page_links_to_every_pair(client, starter):
    html = client.get(MODELS).content.decode()
    nav = html.split('<nav class="pairs"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav)
    assert len(links) == 21
    assert (PAIR, "Offshoring vs. nearshoring") in links


def test_a_pair_page_advertises_the_pairs_own_oembed(client, starter):
    html = client.get(PAIR + "?location=abroad&x=1").content.decode()
    link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html)
    data = client.get(unescape(link[1]).removeprefix("http://testserver")).json()
    assert data["title"] == "Offshoring vs. nearshoring"
    embed = "http://testserver/embed/compare/sourcing-models/offshoring-vs-nearshoring/"
    # The pair's embed with the page's filters; a parameter the page ignores stays out.
    assert f'src="{embed}?location=abroad"' in data["html"]
