"""Part embeds (a pair, the map) pasted into another site's page, on another origin.

The snippet is what oEmbed hands a blog engine for the pair page or the map embed's address;
a tiny host server on another port (another origin) serves the page around it. Each embed must
show its part, size itself to its content with the sizing script, set no cookie, and the map's
boxes must open the full comparison in a new tab, leaving the host page where it is.
"""

import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from tests.browser.hosting import (
    NO_INNER_SCROLLBAR,
    SNIPPET_HEIGHT,
    article,
    embed_frame,
    expect_columns,
    menu_checkbox,
    wait_until_fitted,
)

MODELS = "/compare/sourcing-models/"
PAIR_PAGE = MODELS + "offshoring-vs-nearshoring/"
PAIR_EMBED = "/embed/compare/sourcing-models/offshoring-vs-nearshoring/"
MAIN = "/compare/outsourcing-vs-offshoring/"
MAP_EMBED = "/embed/compare/outsourcing-vs-offshoring/map/"


@pytest.fixture
def page(height_page):
    return height_page


def oembed_snippet(page, live_starter, path):
    """The snippet oEmbed gives for the address `path` of the site."""
    query = urlencode({"url": live_starter.url + path, "format": "json"})
    response = page.request.get(f"{live_starter.url}/oembed/?{query}")
    assert response.status == 200, response.text()
    return response.json()["html"]


def record_embed_responses(page, path):
    """The responses the browser received for `path` (the embed's own address)."""
    seen = []
    page.on("response", lambda r: seen.append(r) if path in r.url else None)
    return seen


def assert_framed_without_cookies(responses):
    assert responses, "the embed was never fetched"
    for response in responses:
        headers = response.all_headers()
        assert "set-cookie" not in headers
        assert "x-frame-options" not in headers
        assert "frame-ancestors https: http:" in headers["content-security-policy"]


def test_pair_embed_shows_the_pair_and_fits_itself_on_another_origin(page, live_starter, host_site):
    responses = record_embed_responses(page, PAIR_EMBED)
    snippet = oembed_snippet(page, live_starter, PAIR_PAGE + "?location=abroad")
    assert f'src="{live_starter.url}{PAIR_EMBED}?location=abroad"' in snippet
    page.goto(host_site.add("/pair/", article(snippet)))

    embed = page.frame_locator("iframe")
    expect(embed.get_by_role("heading", level=1)).to_have_text("Offshoring vs. nearshoring")
    expect_columns(embed, ["Offshoring", "Nearshoring"])
    expect(menu_checkbox(embed, "Where the work is done", "Abroad")).to_be_checked()
    start, _ = wait_until_fitted(page, "iframe", not_height=SNIPPET_HEIGHT)
    assert embed_frame(page, "iframe").evaluate(NO_INNER_SCROLLBAR), "the frame still scrolls"

    # Both are done abroad: at home, neither matches, and the frame shrinks to the notice.
    menu_checkbox(embed, "Where the work is done", "Home country").click()
    menu_checkbox(embed, "Where the work is done", "Abroad").click()
    expect(
        embed.get_by_role("heading", name="No strategy matches all these filters")
    ).to_be_visible()
    empty, _ = wait_until_fitted(page, "iframe", not_height=start)
    assert empty < start - 150, f"an empty result should be much shorter: {empty}px"
    expect(page).to_have_url(host_site.url + "/pair/")
    assert_framed_without_cookies(responses)


def test_pair_embed_in_the_other_order_lands_on_the_pair_inside_the_frame(
    page, live_starter, host_site
):
    snippet = oembed_snippet(page, live_starter, PAIR_PAGE)
    reversed_order = snippet.replace("offshoring-vs-nearshoring", "nearshoring-vs-offshoring")
    page.goto(host_site.add("/reversed/", article(reversed_order)))
    expect_columns(page.frame_locator("iframe"), ["Offshoring", "Nearshoring"])
    assert embed_frame(page, "iframe").url == live_starter.url + PAIR_EMBED
    wait_until_fitted(page, "iframe", not_height=SNIPPET_HEIGHT)


def test_map_embed_fits_itself_and_its_boxes_open_the_table_in_a_new_tab(
    page, live_starter, host_site
):
    responses = record_embed_responses(page, MAP_EMBED)
    snippet = oembed_snippet(page, live_starter, MAP_EMBED)
    page.goto(host_site.add("/map/", article(snippet)))

    embed = page.frame_locator("iframe")
    expect(embed.get_by_role("heading", level=1)).to_have_text("Map: Outsourcing vs. offshoring")
    box = embed.get_by_role("link", name=re.compile(r"^Abroad, The company's own staff: "))
    expect(box).to_have_attribute("target", "_blank")
    outer, inner = wait_until_fitted(page, "iframe", not_height=SNIPPET_HEIGHT)
    assert outer < SNIPPET_HEIGHT, f"the map alone should need less than 600px: {outer}px"
    assert embed_frame(page, "iframe").evaluate(NO_INNER_SCROLLBAR)

    with page.context.expect_page() as opened:
        box.click()
    table = opened.value
    expect(table).to_have_url(live_starter.url + MAIN + "?location=abroad&performer=own-staff")
    expect(table.get_by_role("heading", level=1)).to_have_text("Outsourcing vs. offshoring")
    # The host page and the map in it stay as they were.
    expect(page).to_have_url(host_site.url + "/map/")
    assert embed_frame(page, "iframe").url == live_starter.url + MAP_EMBED
    assert_framed_without_cookies(responses)
    table.close()


def test_map_embed_list_links_open_a_new_tab_too(page, live_starter, host_site):
    snippet = oembed_snippet(page, live_starter, MAP_EMBED + "?pick=offshoring")
    page.goto(host_site.add("/map-list/", article(snippet)))
    embed = page.frame_locator("iframe")
    closed, _ = wait_until_fitted(page, "iframe", not_height=SNIPPET_HEIGHT)
    embed.get_by_text("The map as a list").click()
    link = embed.get_by_role("link", name="Abroad, The company's own staff", exact=True)
    # Opening the list makes the content taller: the frame follows.
    opened_height, _ = wait_until_fitted(page, "iframe", not_height=closed)
    assert opened_height > closed
    with page.context.expect_page() as opened:
        link.click()
    expect(opened.value).to_have_url(
        live_starter.url + MAIN + "?pick=offshoring&location=abroad&performer=own-staff"
    )
    expect(page).to_have_url(host_site.url + "/map-list/")
    opened.value.close()
