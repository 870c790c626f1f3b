"""The table embed pasted into a page read on a phone: the frame takes the whole table's
height at once, with no scrolling box of its own inside it."""

from playwright.sync_api import expect

from tests.browser.hosting import SNIPPET_HEIGHT, article, embed_frame, wait_until_fitted

EMBED = "/embed/compare/outsourcing-vs-offshoring/"
REGION_SCROLLS_DOWN = (
    "() => { const r = document.querySelector('.table-region');"
    " return r.scrollHeight > r.clientHeight + 1; }"
)


def test_on_a_phone_the_frame_holds_the_whole_table_without_an_inner_scroll(
    height_page, live_starter, host_site
):
    page = height_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.set_default_timeout(5_000)
    frame = (
        f'<iframe src="{live_starter.url}{EMBED}" title="Table" width="100%" '
        f'height="{SNIPPET_HEIGHT}" style="border: 0"></iframe>'
        f'<script src="{live_starter.url}/embed.js" async></script>'
    )
    page.goto(host_site.add("/phone/", article(frame)))
    expect(page.frame_locator("iframe").locator("caption")).to_be_visible()
    height, _ = wait_until_fitted(page, "iframe", not_height=SNIPPET_HEIGHT)
    inside = embed_frame(page, "iframe")
    assert not inside.evaluate(REGION_SCROLLS_DOWN), "the table scrolls inside the frame"
    table = inside.evaluate("() => document.querySelector('table').offsetHeight")
    assert height > table, f"the frame ({height}px) is shorter than its table ({table}px)"
