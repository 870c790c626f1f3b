"""The embed snippet pasted into someone else's page, on another origin, the way a reader sees it.

A tiny HTTP server on 127.0.0.1 (another port, so another origin than the live server) serves
host pages built per test around the snippet read from the comparison page's "Embed this table"
panel. The iframe must show the table, size itself to its content as the reader filters, and
ignore height messages from anyone but the embed itself. The site's own pages refuse to be framed.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.hosting import (
    ALL,
    HEIGHT_TYPE,
    NO_INNER_SCROLLBAR,
    PATH,
    SNIPPET_HEIGHT,
    TITLE,
    PlaywrightTimeoutError,
    article,
    count_messages_with_height,
    embed_frame,
    expect_columns,
    iframe_height,
    menu_checkbox,
    open_host_with_embed,
    read_snippet,
    split_snippet,
    wait_for_height_report,
    wait_until_fitted,
)


@pytest.fixture
def page(height_page):
    return height_page


def test_snippet_shows_the_filtered_table_on_another_origin(page, live_starter, host_site):
    snippet = open_host_with_embed(page, live_starter, host_site)
    iframe, script = split_snippet(snippet)
    # Pinned to the current version, the panel's default (tests/browser/test_embed_builder.py).
    embed_src = f"{live_starter.url}/embed/compare/outsourcing-vs-offshoring/v/1/?location=abroad"
    assert f'src="{embed_src}"' in iframe
    assert f'height="{SNIPPET_HEIGHT}"' in iframe
    assert f'src="{live_starter.url}/embed.js"' in script

    expect(page).to_have_url(host_site.url + "/post/")
    embed = page.frame_locator("iframe")
    # Outsourcing can be done at home or abroad, so all three match, and the caption says so.
    expect(embed.locator("caption")).to_have_text(f"{TITLE}: 3 of 3 strategies")
    expect_columns(embed, ALL)
    expect(menu_checkbox(embed, "Where the work is done", "Abroad")).to_be_checked()
    expect(embed.get_by_role("list", name="Active filters")).to_have_text(
        re.compile(r"^\s*Where the work is done: Abroad")
    )
    expect(page.get_by_title(f"{TITLE} (comparison table)")).to_be_visible()


def test_iframe_grows_to_its_content_without_inner_scrollbar(page, live_starter, host_site):
    open_host_with_embed(page, live_starter, host_site)
    expect(page.frame_locator("iframe").locator("caption")).to_be_visible()

    outer, inner = wait_until_fitted(page, "iframe", not_height=SNIPPET_HEIGHT)
    assert outer > SNIPPET_HEIGHT, "the whole table should need more than the initial 600px"
    assert embed_frame(page, "iframe").evaluate(NO_INNER_SCROLLBAR), "the frame still scrolls"


def test_filtering_inside_the_frame_resizes_it(page, live_starter, host_site):
    open_host_with_embed(page, live_starter, host_site)
    embed = page.frame_locator("iframe")
    frame = embed_frame(page, "iframe")
    start, _ = wait_until_fitted(page, "iframe", not_height=SNIPPET_HEIGHT)
    embed_address = frame.evaluate("location.href")
    host_history = page.evaluate("history.length")

    menu_checkbox(embed, "Who performs the work", "The company's own staff").click()
    expect_columns(embed, ["Offshoring"])
    expect(embed.locator("caption")).to_have_text(f"{TITLE}: 1 of 3 strategies")
    one_column, _ = wait_until_fitted(page, "iframe", not_height=start)
    assert frame.evaluate(NO_INNER_SCROLLBAR)

    # Move the work home as well: no strategy is done at home by the company's own staff.
    menu_checkbox(embed, "Where the work is done", "Home country").click()
    menu_checkbox(embed, "Where the work is done", "Abroad").click()
    expect(
        embed.get_by_role("heading", name="No strategy matches all these filters")
    ).to_be_visible()
    expect(embed.get_by_role("table")).to_have_count(0)
    empty, _ = wait_until_fitted(page, "iframe", not_height=one_column)
    assert empty < one_column - 300, f"an empty result should be much shorter: {empty}px"
    assert frame.evaluate(NO_INNER_SCROLLBAR)

    # htmx swapped the table in place: the frame neither navigated nor pushed addresses onto
    # the host page's history, so the reader's Back button still leaves the host page.
    assert frame.evaluate("location.href") == embed_address
    assert page.evaluate("history.length") == host_history
    expect(page).to_have_url(host_site.url + "/post/")


def test_height_message_from_the_host_page_itself_is_ignored(page, live_starter, host_site):
    open_host_with_embed(page, live_starter, host_site)
    fitted, _ = wait_until_fitted(page, "iframe", not_height=SNIPPET_HEIGHT)

    count_messages_with_height(page, 3333)
    page.evaluate("type => window.postMessage({type: type, height: 3333}, '*')", HEIGHT_TYPE)
    # The counter listens after the sizing script (it was added later), so once it has counted
    # the message, the sizing script has handled it too: a resize would have happened by now.
    page.wait_for_function("() => window.__seen >= 1", timeout=5_000)
    assert iframe_height(page, "iframe") == fitted
    wait_until_fitted(page, "iframe")


def test_height_messages_from_another_origin_are_ignored(page, live_starter, host_site, third_site):
    # An ad or widget from a third origin, framed on the same page, keeps claiming a height.
    intruder_url = third_site.add(
        "/widget/",
        "<p>Widget</p>\n<script>\n"
        "setInterval(function () {\n"
        f'  parent.postMessage({{type: "{HEIGHT_TYPE}", height: 4444}}, "*");\n'
        "}, 50);\n</script>",
        title="Widget",
    )
    intruder = f'<iframe id="widget" src="{intruder_url}" title="Widget" height="120"></iframe>'
    open_host_with_embed(page, live_starter, host_site, extra=intruder)
    count_messages_with_height(page, 4444)
    intruder_start = iframe_height(page, "#widget")

    selector = "iframe[src*='/embed/compare/']"
    fitted, _ = wait_until_fitted(page, selector, not_height=SNIPPET_HEIGHT)
    # More of the widget's messages after the embed has fitted. The counter listens after the
    # sizing script, so the sizing script has handled each one it counted. The widget's timer
    # may run only once a second once the grown embed has pushed it out of view.
    seen = page.evaluate("() => window.__seen")
    page.wait_for_function("seen => window.__seen >= seen + 2", arg=seen, timeout=10_000)

    assert iframe_height(page, "#widget") == intruder_start
    assert intruder_start < 200
    assert iframe_height(page, selector) == fitted
    wait_until_fitted(page, selector)


def test_site_pages_refuse_to_render_inside_another_site(page, live_starter, host_site):
    page.set_default_timeout(5_000)
    framed = {
        "comparison": live_starter.url + PATH,
        "home": live_starter.url + "/",
        "articles": live_starter.url + "/articles/",
    }
    statuses = {}
    page.on(
        "response",
        lambda response: statuses.setdefault(response.url, response.status),
    )
    embed_url = f"{live_starter.url}/embed/compare/outsourcing-vs-offshoring/"
    frames = [
        f'<iframe id="{name}" src="{url}" title="{name}"></iframe>' for name, url in framed.items()
    ]
    # A control: the embed page itself is allowed, so the host page and server work.
    frames.append(f'<iframe id="embed" src="{embed_url}" title="embed"></iframe>')
    page.goto(host_site.add("/framing/", article(*frames)))

    expect(page.frame_locator("#embed").locator("caption")).to_have_text(TITLE)
    for name, url in framed.items():
        assert statuses.get(url) == 200, f"{url} answered {statuses.get(url)}"
        frame = embed_frame(page, f"#{name}")
        # Chromium commits its error page in a frame whose response is refused.
        try:
            frame.wait_for_url(re.compile(r"^chrome-error://"), wait_until="commit")
        except PlaywrightTimeoutError:
            pytest.fail(f"{url} rendered in the frame ({frame.url})")
        expect(page.frame_locator(f"#{name}").get_by_text(TITLE)).to_have_count(0)
        expect(page.frame_locator(f"#{name}").locator("main")).to_have_count(0)


def test_two_embeds_on_one_page_each_fit_their_own_content(page, live_starter, host_site):
    # Two pastes of different views on one page; the sizing script only needs to be there once.
    filtered_iframe, script = split_snippet(
        read_snippet(page, live_starter, "?location=home-country")
    )
    whole_iframe, whole_script = split_snippet(read_snippet(page, live_starter))
    assert whole_script == script
    filtered_iframe = filtered_iframe.replace("<iframe ", '<iframe id="filtered" ', 1)
    whole_iframe = whole_iframe.replace("<iframe ", '<iframe id="whole" ', 1)
    body = article(whole_iframe, "<p>And only what stays at home:</p>", filtered_iframe, script)
    page.goto(host_site.add("/two/", body))

    expect_columns(page.frame_locator("#whole"), ALL)
    expect_columns(page.frame_locator("#filtered"), ["Outsourcing"])
    whole, _ = wait_until_fitted(page, "#whole", not_height=SNIPPET_HEIGHT)
    filtered, _ = wait_until_fitted(page, "#filtered", not_height=SNIPPET_HEIGHT)
    assert abs(whole - filtered) > 50, f"both frames are about {whole}px tall"
    # Each still matches its own content once both have settled.
    assert wait_until_fitted(page, "#whole")[0] == whole
    assert wait_until_fitted(page, "#filtered")[0] == filtered


def test_sizing_script_added_after_the_frame_loaded_still_fits_it(page, live_starter, host_site):
    # A tag manager or consent tool may add the script seconds after the frame has reported.
    iframe, script = split_snippet(read_snippet(page, live_starter))
    page.goto(host_site.add("/late/", article(iframe)))
    expect(page.frame_locator("iframe").locator("caption")).to_have_text(TITLE)
    page.wait_for_load_state("load")
    # The frame has reported its height, and nobody on the host page listened.
    wait_for_height_report(page, "iframe")
    assert iframe_height(page, "iframe") == SNIPPET_HEIGHT

    src = re.search(r'src="([^"]+)"', script)[1]
    page.evaluate(
        "src => { const s = document.createElement('script'); s.src = src;"
        " document.body.append(s); }",
        src,
    )
    outer, _ = wait_until_fitted(page, "iframe", not_height=SNIPPET_HEIGHT)
    assert outer > SNIPPET_HEIGHT


def test_without_the_script_the_frame_keeps_its_height_and_scrolls(page, live_starter, host_site):
    iframe, _script = split_snippet(read_snippet(page, live_starter))
    page.goto(host_site.add("/no-script/", article(iframe)))
    embed = page.frame_locator("iframe")
    expect(embed.locator("caption")).to_have_text(TITLE)
    # The frame has reported its height; without the sizing script nothing applies it.
    wait_for_height_report(page, "iframe")
    assert iframe_height(page, "iframe") == SNIPPET_HEIGHT
    frame = embed_frame(page, "iframe")
    assert not frame.evaluate(NO_INNER_SCROLLBAR), "the table should scroll inside the frame"
    frame.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    expect(embed.get_by_text("Source:")).to_be_in_viewport()


def test_withdrawn_table_explains_itself_inside_the_host_page(page, live_starter, host_site):
    iframe, script = split_snippet(read_snippet(page, live_starter, "?version=live"))
    iframe = iframe.replace("/embed/compare/outsourcing-vs-offshoring/", "/embed/compare/gone/")
    page.goto(host_site.add("/gone/", article(iframe, script)))
    expect(page.frame_locator("iframe").get_by_role("heading", level=1)).to_have_text(
        "This comparison table is not available"
    )
    # The short notice shrinks the frame to the sizing script's minimum height, 150 px.
    page.wait_for_function("() => document.querySelector('iframe').offsetHeight === 150")


def test_copy_button_copies_the_snippet(browser, live_starter):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_starter.url)
    page = context.new_page()
    try:
        page.goto(live_starter.url + PATH + "?performer=own-staff")
        page.get_by_role("button", name="Copy the code").click()
        expect(page.locator("#embed-code-status")).to_have_text("Copied to the clipboard.")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator("textarea#embed-code").input_value()
        assert "?performer=own-staff" in copied
    finally:
        context.close()
