"""The comparison page's "Embed this table" builder: pinned or live, the embed flags, the preview.

The choices are read from the page's own query (comparisons.embed_builder); the snippet, the
preview and the oEmbed discovery link all carry the same embed address.
"""

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.http import QueryDict

from comparisons.embed_builder import EmbedChoices, read_choices
from comparisons.models import Comparison
from pagecache import version

SLUG = "outsourcing-vs-offshoring"
PAGE = f"/compare/{SLUG}/"
LIVE = f"http://testserver/embed/compare/{SLUG}/"
PINNED = LIVE + "v/1/"  # load_starter records version 1
FLAGS = {"theme": "dark", "transparent": "1", "plain": "1", "controls": "0"}


def choices(query, current=3):
    return read_choices(QueryDict(query), current)


# ---- reading the choices ----


def test_by_default_the_snippet_is_pinned_to_the_current_version_with_no_flags():
    chosen = choices("")
    assert (chosen.live, chosen.version) == (False, 3)
    assert chosen.flags() == [] and chosen.params() == []


def test_version_live_asks_for_a_live_snippet():
    chosen = choices("version=live&location=abroad")
    assert (chosen.live, chosen.version) == (True, None)
    assert chosen.params() == [("version", "live")]


@pytest.mark.parametrize("current", [None, 0])
def test_without_a_public_version_the_snippet_can_only_be_live(current):
    chosen = choices("", current)
    assert (chosen.live, chosen.version) == (True, None)
    # Nothing to choose, so nothing for the page's links to carry.
    assert chosen.params() == []


def test_every_flag_is_read_and_written_back_in_a_stable_order():
    chosen = choices("controls=0&plain=1&transparent=1&theme=light&version=live")
    assert chosen == EmbedChoices(
        current=3, live=True, theme="light", transparent=True, plain=True, controls=False
    )
    assert chosen.flags() == [
        ("theme", "light"),
        ("transparent", "1"),
        ("plain", "1"),
        ("controls", "0"),
    ]
    assert chosen.params() == [("version", "live"), *chosen.flags()]


def test_theme_auto_is_the_default_and_not_written():
    assert choices("theme=auto").flags() == []


@pytest.mark.parametrize(
    "query",
    [
        "theme=purple&transparent=yes&plain=2&controls=no&version=latest",
        "theme=&transparent=&plain=&controls=&version=",
        "theme=DARK&transparent=1%00&plain=true&controls=1&version=LIVE",
        "version=live&version=2",  # the last value counts (QueryDict.get), as in the embed
        "theme=" + "x" * 5000,
    ],
)
def test_unknown_values_fall_back_to_the_defaults(query):
    assert choices(query) == EmbedChoices(current=3)


# ---- the page ----


@pytest.fixture
def get_page(client, starter):
    def get(**params):
        response = client.get(PAGE, params)
        assert response.status_code == 200
        return response.content.decode()

    return get


def snippet_src(html):
    code = unescape(re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', html, re.S)[1])
    return unescape(re.match(r'<iframe src="([^"]+)"', code)[1])


def preview_src(html):
    return unescape(re.search(r'<iframe class="embed-preview" src="([^"]+)"', html)[1])


def oembed_target(html):
    link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html)
    return dict(parse_qsl(urlsplit(unescape(link[1])).query))["url"]


def download_links(html):
    links = re.findall(r'href="(/compare/[^"]+\.(?:json|csv)[^"]*)"', html)
    return [unescape(href) for href in links]


def test_default_snippet_pins_the_current_version_and_says_so(get_page):
    html = get_page(location="abroad")
    assert snippet_src(html) == PINNED + "?location=abroad"
    assert "It shows this table as it is now (version 1), even after editors change it" in html
    assert "a line inside tells readers when a newer version exists" in html
    assert "It stays up to date" not in html
    assert re.search(r'id="embed-pinned" name="version" value="" checked', html)


def test_live_on_request(get_page):
    html = get_page(location="abroad", version="live")
    assert snippet_src(html) == LIVE + "?location=abroad"
    assert "It stays up to date. It sizes itself to fit, and readers can filter it" in html
    assert "version 1), even after" not in html
    assert re.search(r'id="embed-live" name="version" value="live" checked', html)


def test_the_flags_go_into_the_src_after_the_filters(get_page):
    html = get_page(location="abroad", show="goal", **FLAGS)
    assert snippet_src(html) == (
        PINNED + "?location=abroad&show=goal&theme=dark&transparent=1&plain=1&controls=0"
    )
    for box in ("embed-theme-dark", "embed-transparent", "embed-plain", "embed-controls"):
        assert re.search(rf'id="{box}" name="\w+" value="\w+" checked', html), box
    # Without the filters inside the embed, the panel does not promise them.
    assert "readers can filter it inside your page" not in html


def test_preview_and_oembed_discovery_carry_the_snippets_src(get_page):
    for params in ({}, {"version": "live"}, {"performer": "own-staff", **FLAGS}):
        html = get_page(**params)
        assert preview_src(html) == snippet_src(html) == oembed_target(html), params


def test_the_snippets_src_answers_with_what_was_chosen(client, get_page):
    src = snippet_src(get_page(location="abroad", theme="dark", controls="0"))
    response = client.get(src)
    assert response.status_code == 200
    embed = response.content.decode()
    assert '<html lang="en" class="theme-dark">' in embed
    assert '<form class="filters"' not in embed


@pytest.mark.parametrize(
    "params",
    [
        {"theme": "purple", "transparent": "yes", "plain": "<b>", "controls": "x"},
        {"version": "999999999999"},
        {"version": "-1", "theme": "\u202e"},
        {"version": "<script>alert(1)</script>"},
    ],
)
def test_hostile_builder_values_give_the_page_with_the_defaults(get_page, params):
    html = get_page(location="abroad", **params)
    assert snippet_src(html) == PINNED + "?location=abroad"
    assert "<script>alert" not in html and "purple" not in html


def test_the_downloads_carry_the_filters_but_no_embed_flags(get_page):
    html = get_page(location="abroad", version="live", **FLAGS)
    assert download_links(html) == [
        f"/compare/{SLUG}.json?location=abroad",
        f"/compare/{SLUG}.csv?location=abroad",
    ]


def test_the_filters_and_their_links_keep_the_builders_choices(get_page):
    html = get_page(location="abroad", version="live", theme="dark")
    filters = re.search(r'<form class="filters".*?</form>', html, re.S)[0]
    assert '<input type="hidden" name="version" value="live">' in filters
    assert '<input type="hidden" name="theme" value="dark">' in filters
    # Removing the only filter keeps the choices.
    assert f'href="{PAGE}?version=live&amp;theme=dark"' in html
    # Pair pages are other pages: they carry none of it.
    pair_links = re.findall(rf'href="({PAGE}[\w-]+-vs-[\w-]+/[^"]*)"', html)
    assert pair_links and all("?" not in link for link in pair_links)


def test_the_builder_keeps_the_filters_as_hidden_fields(get_page):
    html = get_page(location="abroad", pick=["outsourcing", "offshoring"], differences="1")
    builder = re.search(r'<form class="embed-builder".*?</form>', html, re.S)[0]
    hidden = re.findall(r'<input type="hidden" name="([\w-]+)" value="([\w-]+)">', builder)
    assert hidden == [
        ("pick", "outsourcing"),
        ("pick", "offshoring"),
        ("location", "abroad"),
        ("differences", "1"),
    ]
    assert '<button type="submit" id="embed-update">Update the code</button>' in builder


def test_the_htmx_fragment_redraws_the_builder_and_the_snippet(client, starter):
    response = client.get(PAGE, {"version": "live", "theme": "light"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert '<div id="explorer"' in html and "<html" not in html
    assert snippet_src(html) == LIVE + "?theme=light" == preview_src(html)
    assert re.search(r'id="embed-theme-light" name="theme" value="light" checked', html)


def test_a_comparison_without_a_public_version_offers_only_live(get_page):
    Comparison.objects.filter(slug=SLUG).update(public_version=0)
    version.bump()  # as any save would: the page cache's key changes
    html = get_page(location="abroad")
    assert snippet_src(html) == LIVE + "?location=abroad"
    assert "No version of this table is published yet" in html
    assert 'name="version"' not in html
    assert "It stays up to date" in html
