"""The "Embed this table" builder on the comparison page, used the way an author uses it, and
its two kinds of snippet pasted into another site's page.

An author picks pinned or live, a theme and the flags; the code and the preview follow, with
JavaScript (htmx redraws the panel) and without (the form's own button). Pasted on another
origin, a pinned snippet keeps showing its version after an editor changes a cell, and says a
newer one is out, while a live snippet shows the change.
"""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from changelog.models import Version
from comparisons.models import Cell
from tests.browser.hosting import HTMX_SETTLED, PATH, TITLE, article, read_snippet, split_snippet

SLUG = "outsourcing-vs-offshoring"
NEW_TEXT = "Rewritten by an editor after version 1 was embedded."


def code(page):
    return page.locator("textarea#embed-code")


def src_of(snippet):
    """The iframe's address in a snippet, as the browser will read it."""
    return re.search(r'<iframe src="([^"]+)"', snippet)[1].replace("&amp;", "&")


def expect_src(page, url):
    """The embed code in the panel frames exactly `url`, and the panel is ready for the next
    choice."""
    escaped = re.escape(url.replace("&", "&amp;"))
    expect(code(page)).to_have_value(re.compile(rf'^<iframe src="{escaped}" '))
    page.wait_for_function(HTMX_SETTLED)


def preview(page):
    return page.locator("iframe.embed-preview")


def test_choices_update_the_code_and_the_preview_with_javascript(page, live_starter):
    page.set_default_timeout(5_000)
    page.goto(live_starter.url + PATH + "?location=abroad")
    embed = f"{live_starter.url}/embed/compare/{SLUG}/"
    expect_src(page, embed + "v/1/?location=abroad")
    expect(page.get_by_label("Keep this version (1)")).to_be_checked()

    page.get_by_label("Always show the latest (live)").check()
    expect_src(page, embed + "?location=abroad")
    expect(page).to_have_url(re.compile(r"\?location=abroad&version=live"))

    # From the keyboard: the arrow keys move through the colours, and each redraw of the panel
    # leaves the focus on the choice just made.
    page.get_by_label("Follow the reader's setting (auto)").focus()
    page.keyboard.press("ArrowDown")
    expect_src(page, embed + "?location=abroad&theme=light")
    expect(page.get_by_label("Light", exact=True)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect_src(page, embed + "?location=abroad&theme=dark")
    expect(page.get_by_label("Dark", exact=True)).to_be_focused()

    page.get_by_label("Hide the filters: readers see the table only").check()
    chosen = embed + "?location=abroad&theme=dark&controls=0"
    expect_src(page, chosen)
    expect(page.locator(".embed-panel")).not_to_contain_text("readers can filter it")

    page.get_by_text("Preview the embed").click()
    expect(preview(page)).to_have_attribute("src", chosen)
    shown = page.frame_locator("iframe.embed-preview")
    expect(shown.locator("html")).to_have_class(re.compile(r"\btheme-dark\b"))
    expect(shown.locator("caption")).to_have_text(f"{TITLE}: 3 of 3 strategies")
    expect(shown.locator("form.filters")).to_have_count(0)

    # The preview stays open while the author goes on choosing, and shows each new choice.
    page.get_by_label("Keep this version (1)").check()
    pinned = embed + "v/1/?location=abroad&theme=dark&controls=0"
    expect_src(page, pinned)
    expect(page.locator("details.embed-preview-panel")).to_have_attribute("open", "")
    expect(preview(page)).to_have_attribute("src", pinned)
    expect(shown.locator("caption")).to_have_text(f"{TITLE}: 3 of 3 strategies")
    assert src_of(code(page).input_value()) == pinned

    # The filters keep the choices: filtering changes the view, not the builder.
    page.get_by_role("checkbox", name=re.compile(r"^Home country \(\d+\)$")).check()
    expect_src(page, embed + "v/1/?location=home-country&location=abroad&theme=dark&controls=0")


def test_choices_update_the_code_and_the_preview_without_javascript(page_without_js, live_starter):
    page = page_without_js
    page.set_default_timeout(5_000)
    page.goto(live_starter.url + PATH + "?performer=own-staff")
    page.get_by_label("Always show the latest (live)").check()
    page.get_by_label("Dark", exact=True).check()
    page.get_by_label("Transparent background (your page’s own shows through)").check()
    page.get_by_label("Plain: no title, only a small source link").check()
    page.get_by_role("button", name="Update the code").click()

    expected = "?performer=own-staff&version=live&theme=dark&transparent=1&plain=1"
    page.wait_for_url(re.compile(re.escape(expected) + "$"))
    chosen = (
        f"{live_starter.url}/embed/compare/{SLUG}/"
        "?performer=own-staff&theme=dark&transparent=1&plain=1"
    )
    expect_src(page, chosen)
    expect(page.get_by_label("Always show the latest (live)")).to_be_checked()
    expect(page.get_by_label("Dark", exact=True)).to_be_checked()
    expect(page.locator(".embed-panel")).to_contain_text("It stays up to date.")
    # The copy button needs JavaScript: without it the code is there to select by hand.
    expect(page.get_by_role("button", name="Copy the code")).to_be_hidden()

    page.get_by_text("Preview the embed").click()
    expect(preview(page)).to_have_attribute("src", chosen)
    shown = page.frame_locator("iframe.embed-preview")
    expect(shown.locator("html")).to_have_class(re.compile(r"\btheme-dark\b"))
    expect(shown.locator("caption")).to_have_text(f"{TITLE}: 1 of 3 strategies")
    # Transparent: the page around the frame shows through it.
    frame = preview(page).element_handle().content_frame()
    assert frame.evaluate("getComputedStyle(document.body).backgroundColor") == "rgba(0, 0, 0, 0)"


def definition_of_offshoring(page, frame):
    # Columns in table order: Outsourcing, Offshoring, Offshore outsourcing.
    return page.frame_locator(frame).locator("#row-definition td").nth(1)


def test_pinned_embed_keeps_its_version_after_an_edit_while_the_live_one_follows(
    height_page, live_starter, host_site, browser
):
    page = height_page
    pinned_iframe, script = split_snippet(read_snippet(page, live_starter))  # the default
    page.get_by_label("Always show the latest (live)").check()
    expect(code(page)).to_have_value(re.compile(rf'^<iframe src="[^"]*/compare/{SLUG}/" '))
    live_iframe, live_script = split_snippet(code(page).input_value())
    assert src_of(pinned_iframe) == f"{live_starter.url}/embed/compare/{SLUG}/v/1/"
    assert src_of(live_iframe) == f"{live_starter.url}/embed/compare/{SLUG}/"
    assert live_script == script
    assert urlsplit(src_of(pinned_iframe)).netloc != urlsplit(host_site.url).netloc

    body = article(
        pinned_iframe.replace("<iframe ", '<iframe id="pinned" ', 1),
        "<p>And the same table as it is today:</p>",
        live_iframe.replace("<iframe ", '<iframe id="live" ', 1),
        script,
    )
    host_page = host_site.add("/versions/", body)
    page.goto(host_page)
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="definition")
    before = cell.text.split(".")[0]
    for frame in ("#pinned", "#live"):
        expect(definition_of_offshoring(page, frame)).to_contain_text(before)
    expect(page.frame_locator("#pinned").locator(".pinned-notice")).to_be_hidden()

    # An editor rewrites the cell. Saved as the admin saves it (a save that commits), the change
    # log records version 2 at once.
    cell.text = NEW_TEXT
    cell.save()
    assert Version.objects.filter(comparison__slug=SLUG).count() == 2

    # The host page loaded again by a reader who has not kept the frames: this browser may show
    # both from its HTTP cache, as their Cache-Control allows (live: EMBED_MAX_AGE; pinned:
    # immutable, changelog.embed_views), so the reload is another reader's.
    later = browser.new_page()
    later.set_default_timeout(5_000)
    later.goto(host_page)
    expect(definition_of_offshoring(later, "#live")).to_contain_text(NEW_TEXT)
    pinned = definition_of_offshoring(later, "#pinned")
    expect(pinned).to_contain_text(before)
    expect(pinned).not_to_contain_text(NEW_TEXT)
    expect(later.frame_locator("#pinned").locator(".pinned-notice")).to_contain_text(
        "This is version 1 of this table; version 2 is out."
    )
    expect(later).to_have_url(host_site.url + "/versions/")

    # The first reader loads the page again: whether the browser keeps the immutable pinned
    # frame or fetches it anew, the frame says a newer version is out.
    page.reload()
    expect(page.frame_locator("#pinned").locator(".pinned-notice")).to_contain_text(
        "This is version 1 of this table; version 2 is out."
    )
    expect(definition_of_offshoring(page, "#pinned")).not_to_contain_text(NEW_TEXT)
