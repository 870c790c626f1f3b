"""An editor of the Editors group edits a comparison as a table, in a real browser: cells opened
by a click or by Enter, saved in place, cancelled with Escape, a stale save refused in place;
readers see the changes. The CSP monitor (conftest) fails any of these on a violation."""

import re

from playwright.sync_api import expect

from comparisons.models import Cell, Comparison
from tests.browser.axe import AXE_TAGS, assert_accessible
from tests.browser.hosting import HTMX_SETTLED

SLUG = "outsourcing-vs-offshoring"


def open_grid(page, live_starter, sign_in):
    page.set_default_timeout(5_000)
    sign_in(page, live_starter.url)
    comparison = Comparison.objects.get(slug=SLUG)
    page.goto(f"{live_starter.url}/admin/comparisons/comparison/{comparison.pk}/change/")
    page.get_by_role("link", name="Edit as a table").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{comparison.title}: edit as a table"
    )


def td(page, strategy, dimension):
    cell = Cell.objects.get(strategy__name=strategy, dimension__name=dimension)
    return page.locator(f"#cell-{cell.strategy_id}-{cell.dimension_id}")


def save(page, cell, text):
    """Type `text` into the open editor of `cell` and save it; wait for the cell shown again."""
    cell.get_by_label("Text (Markdown)").fill(text)
    page.wait_for_function(HTMX_SETTLED)
    cell.get_by_role("button", name="Save").click()
    expect(cell.locator("form")).to_have_count(0)
    expect(cell.locator(".grid-text")).to_have_text(text)


def type_then_escape(page):
    """Open a cell's editor, type, press Escape; the cell is shown as it was. Returns it."""
    examples = td(page, "Offshoring", "Typical work")
    before = examples.locator(".grid-text").inner_text()
    examples.get_by_role("link", name="Edit Offshoring × Typical work").click()
    examples.get_by_label("Text (Markdown)").fill("Not to be saved.")
    page.keyboard.press("Escape")
    expect(examples.locator("form")).to_have_count(0)
    expect(examples.locator(".grid-text")).to_have_text(before)
    return examples


def test_editor_edits_three_cells_in_place_and_readers_see_them(page, live_starter, sign_in):
    open_grid(page, live_starter, sign_in)

    # A click anywhere in the cell opens its editor.
    risks = td(page, "Offshoring", "Risks and drawbacks")
    risks.locator(".grid-text").click()
    expect(risks.get_by_label("Text (Markdown)")).to_be_focused()
    save(page, risks, "Time-zone gaps between teams.")
    expect(page.locator("#grid-status")).to_have_text("Saved: Offshoring × Risks and drawbacks.")
    expect(risks.get_by_role("link", name="Edit Offshoring × Risks and drawbacks")).to_be_focused()

    # Enter on the cell's link.
    benefits = td(page, "Outsourcing", "Benefits")
    benefits.get_by_role("link", name="Edit Outsourcing × Benefits").focus()
    page.keyboard.press("Enter")
    expect(benefits.get_by_label("Text (Markdown)")).to_be_focused()
    save(page, benefits, "Specialist skills on demand.")

    # Options of a filterable row, as checkboxes.
    location = td(page, "Offshore outsourcing", "Where the work is done")
    location.get_by_role("link", name=re.compile("^Edit Offshore outsourcing")).click()
    location.get_by_role("checkbox", name="Home country").check()
    save(page, location, "Abroad, at a provider; sometimes at home.")
    expect(location.locator(".tags")).to_contain_text("Home country")

    # Escape cancels: nothing saved, the cell as it was, the focus back on its link.
    examples = type_then_escape(page)
    expect(examples.get_by_role("link", name="Edit Offshoring × Typical work")).to_be_focused()

    page.goto(live_starter.url + f"/compare/{SLUG}/")
    table = page.locator(".comparison-table")
    for text in (
        "Time-zone gaps between teams.",
        "Specialist skills on demand.",
        "Abroad, at a provider; sometimes at home.",
    ):
        expect(table).to_contain_text(text)
    expect(table).not_to_contain_text("Not to be saved.")
    assert (
        "Not to be saved."
        not in Cell.objects.get(strategy__slug="offshoring", dimension__slug="examples").text
    )


def test_a_stale_save_in_place_shows_the_conflict_with_the_text_kept(page, live_starter, sign_in):
    open_grid(page, live_starter, sign_in)
    risks = td(page, "Offshoring", "Risks and drawbacks")
    risks.get_by_role("link", name="Edit Offshoring × Risks and drawbacks").click()
    risks.get_by_label("Text (Markdown)").fill("My outdated edit.")

    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks")
    cell.text = "Another editor's newer text."
    cell.save()
    page.wait_for_function(HTMX_SETTLED)
    risks.get_by_role("button", name="Save").click()

    expect(risks.get_by_role("alert")).to_contain_text("This cell was saved")
    expect(risks.get_by_label("Text (Markdown)")).to_have_value("My outdated edit.")
    cell.refresh_from_db()
    assert cell.text == "Another editor's newer text."


def test_grid_and_open_editor_have_no_axe_violations(
    page,
    live_starter,
    sign_in,
    axe,
):
    open_grid(page, live_starter, sign_in)
    assert_accessible(axe, page, "the grid editor", tags=AXE_TAGS)
    risks = td(page, "Offshoring", "Where the work is done")
    risks.get_by_role("link", name=re.compile("^Edit Offshoring × Where")).click()
    expect(risks.get_by_label("Text (Markdown)")).to_be_focused()
    assert_accessible(axe, page, "the grid editor with a cell open", tags=AXE_TAGS)


def test_without_javascript_a_cell_opens_its_admin_page(page_without_js, live_starter, sign_in):
    page = page_without_js
    open_grid(page, live_starter, sign_in)
    risks = td(page, "Offshoring", "Risks and drawbacks")
    risks.get_by_role("link", name="Edit Offshoring × Risks and drawbacks").click()

    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks")
    expect(page).to_have_url(re.compile(rf"/admin/comparisons/cell/{cell.pk}/change/$"))
    expect(page.get_by_label("Text")).to_have_value(cell.text)


def test_escape_cancels_an_editor_that_htmx_has_not_settled_yet(page, live_starter, sign_in):
    # htmx binds a swapped-in editor's links only once it settles. A reader pressing Escape at
    # once must still cancel; a long settle makes that moment wide enough to land in for sure.
    open_grid(page, live_starter, sign_in)
    page.evaluate("htmx.config.defaultSettleDelay = 2000")
    type_then_escape(page)
