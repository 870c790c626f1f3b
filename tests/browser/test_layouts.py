"""The comparison at phone and wide-screen sizes, measured as a reader would see it.

At 360 px the filters fold into one control that counts the active ones, the table starts
within a screen and a half, and its header row and first column stay in view while reading
down and across. At 1440 px a seven-column table shows every column with no sideways
scrolling, the filters above it, and its header row follows the reader down the page.
"""

import re

from playwright.sync_api import expect

MODELS = "/compare/sourcing-models/"
PAIR = MODELS + "offshoring-vs-nearshoring/"
PHONE = {"width": 360, "height": 640}
WIDE = {"width": 1440, "height": 900}


def open_sized(browser, url, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(5_000)
    page.goto(url)
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    return page


def box(locator):
    return locator.bounding_box()


def test_on_a_phone_the_filters_fold_into_one_control_that_counts_them(browser, live_starter):
    url = live_starter.url + MODELS + "?location=abroad&goal=cut-costs"
    page = open_sized(browser, url, PHONE)
    summary = page.locator(".filters-panel > summary")
    expect(summary).to_have_text(re.compile(r"^Filters · 2\s*$"))
    abroad = page.get_by_role("checkbox", name=re.compile(r"^Abroad \("))
    expect(abroad).to_be_hidden()
    # The table starts within the first screen and a half.
    assert box(page.locator(".table-region"))["y"] < 1.5 * PHONE["height"]

    summary.click()
    expect(abroad).to_be_visible()
    home = page.get_by_role("checkbox", name=re.compile(r"^Home country \("))
    home.check()
    # After the swap the panel is still open, the count follows and the focus stays put.
    expect(summary).to_have_text(re.compile(r"^Filters · 3\s*$"))
    expect(page).to_have_url(re.compile(r"location=home-country"))
    expect(home).to_be_visible()
    expect(home).to_be_focused()


def test_on_a_phone_headers_stay_in_view_while_reading_down_and_across(browser, live_starter):
    page = open_sized(browser, live_starter.url + MODELS, PHONE)
    region = page.locator(".table-region")
    region.scroll_into_view_if_needed()
    region.evaluate("(el) => { el.scrollTop = 900; el.scrollLeft = 700; }")
    page.wait_for_function("() => document.querySelector('.table-region').scrollTop > 800")
    top, left = box(region)["y"], box(region)["x"]
    header = box(page.locator("#col-offshoring"))
    assert abs(header["y"] - top) <= 2, (header, top)
    row_heading = box(page.locator("th[scope=row]").nth(3))
    assert abs(row_heading["x"] - left) <= 2, (row_heading, left)


def test_on_a_wide_screen_seven_columns_fit_with_the_filters_above(browser, live_starter):
    page = open_sized(browser, live_starter.url + MODELS, WIDE)
    region = page.locator(".table-region")
    sizes = region.evaluate("(el) => [el.scrollWidth, el.clientWidth]")
    assert sizes[0] <= sizes[1], sizes
    headers = page.locator("thead th[id^='col-']")
    expect(headers).to_have_count(7)
    for index in range(7):
        assert box(headers.nth(index))["x"] + box(headers.nth(index))["width"] <= WIDE["width"]
    # The filters are open without a click, and above the table.
    expect(page.locator(".filters-panel > summary")).to_be_hidden()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Abroad \("))).to_be_visible()
    filters = box(page.locator(".filters"))
    assert filters["y"] + filters["height"] <= box(region)["y"]
    # The header row follows the reader down the page.
    page.mouse.wheel(0, 1500)
    page.wait_for_function("() => window.scrollY > 1400")
    assert abs(box(page.locator("#col-offshoring"))["y"]) <= 2


def test_a_pair_fits_a_phone_in_two_columns(browser, live_starter):
    page = open_sized(browser, live_starter.url + PAIR, PHONE)
    for slug in ("offshoring", "nearshoring"):
        header = box(page.locator(f"#col-{slug}"))
        assert header["x"] + header["width"] <= PHONE["width"], slug
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_embed_preview_loads_only_when_asked_for(browser, live_starter):
    page = open_sized(browser, live_starter.url + MODELS, WIDE)
    page.locator(".embed-preview-panel").scroll_into_view_if_needed()
    frame = page.frame_locator("iframe.embed-preview")
    embed_frames = [f for f in page.frames if "/embed/compare/" in f.url]
    assert embed_frames == []
    page.get_by_text("Preview the embed").click()
    expect(frame.locator("caption")).to_have_text("Sourcing models side by side")
