"""The comparison page's filters, driven the way a reader uses them.

With JavaScript, htmx swaps the explorer in place, pushes the filtered address and keeps focus on
the control that changed; without it, the same form submits as a plain GET. Either way the address
is the state: it can be opened directly, shared, and walked with back and forward.
"""

import contextlib
import re

from playwright.sync_api import expect

from tests.browser.hosting import ALL, PATH, FullLoadWatcher, checkbox, expect_columns


def status(page):
    # The live region that announces the result count (the copy button has its own).
    return page.locator("#result-status[role=status]")


@contextlib.contextmanager
def htmx_settled(page):
    """Waits, after the block, until the htmx swap that the block started has settled, and one
    task more: htmx has put the focus back, moved it to [autofocus] (a settle task), and every
    afterSettle handler has run by then."""
    page.evaluate(
        """() => {
            window.__settled = false;
            document.addEventListener("htmx:afterSettle", () => {
                setTimeout(() => { window.__settled = true; });
            }, {once: true});
        }"""
    )
    yield
    page.wait_for_function("() => window.__settled === true")


def open_comparison(page, live_starter, query="", js=True):
    # Actions (click, focus) default to 30 s; a missing control should fail as fast as `expect`.
    page.set_default_timeout(5_000)
    page.goto(live_starter.url + PATH + query)
    if js:
        # goto waits for "load", so htmx has already processed the page.
        assert page.evaluate("typeof window.htmx") == "object", "htmx did not load"
    expect(page.get_by_role("heading", level=1)).to_have_text("Outsourcing vs. offshoring")


def test_filter_swaps_table_in_place_and_pushes_url(page, live_starter):
    open_comparison(page, live_starter)
    expect_columns(page, ALL)
    expect(status(page)).to_have_text("All 3 strategies shown.")
    watcher = FullLoadWatcher(page)

    performer = page.get_by_role("group", name="Who performs the work")
    own_staff = performer.get_by_role("checkbox", name=re.compile(r"^The company's own staff"))
    own_staff.click()

    expect_columns(page, ["Offshoring"])
    expect(page).to_have_url(re.compile(r"[?&]performer=own-staff(&|$)"))
    expect(status(page)).to_have_text("1 of 3 strategies match.")
    expect(checkbox(page, "The company's own staff")).to_be_checked()
    expect(page.get_by_role("table")).to_contain_text("1 of 3 strategies")
    watcher.assert_no_full_load()


def test_back_and_forward_restore_each_state(page, live_starter):
    open_comparison(page, live_starter)
    watcher = FullLoadWatcher(page)
    checkbox(page, "The company's own staff").click()
    expect_columns(page, ["Offshoring"])
    expect(page).to_have_url(re.compile(r"performer=own-staff"))

    page.go_back()
    expect_columns(page, ALL)
    expect(page).to_have_url(live_starter.url + PATH)
    expect(checkbox(page, "The company's own staff")).not_to_be_checked()
    expect(status(page)).to_have_text("All 3 strategies shown.")

    page.go_forward()
    expect_columns(page, ["Offshoring"])
    expect(page).to_have_url(re.compile(r"[?&]performer=own-staff(&|$)"))
    expect(checkbox(page, "The company's own staff")).to_be_checked()
    expect(status(page)).to_have_text("1 of 3 strategies match.")
    watcher.assert_no_full_load()


def test_empty_result_suggests_a_filter_to_remove(page, live_starter):
    open_comparison(page, live_starter)
    watcher = FullLoadWatcher(page)

    checkbox(page, "Home country").click()
    expect_columns(page, ["Outsourcing"])
    expect(page).to_have_url(re.compile(r"location=home-country"))
    checkbox(page, "The company's own staff").click()

    expect(
        page.get_by_role("heading", name="No strategy matches all these filters")
    ).to_be_visible()
    expect(page.get_by_role("table")).to_have_count(0)
    expect(status(page)).to_have_text("No strategy matches these filters.")
    expect(page).to_have_url(re.compile(r"location=home-country.*performer=own-staff"))

    remove_location = page.get_by_role("link", name="Remove the “Where the work is done” filter")
    expect(remove_location).to_be_visible()
    expect(
        page.get_by_role("link", name="Remove the “Who performs the work” filter")
    ).to_be_visible()

    remove_location.click()
    expect_columns(page, ["Offshoring"])
    expect(page).to_have_url(re.compile(r"\?performer=own-staff$"))
    expect(checkbox(page, "Home country")).not_to_be_checked()
    expect(checkbox(page, "The company's own staff")).to_be_checked()
    expect(status(page)).to_have_text("1 of 3 strategies match.")
    watcher.assert_no_full_load()


def test_keyboard_toggle_keeps_focus_on_the_changed_checkbox(page, live_starter):
    open_comparison(page, live_starter)
    watcher = FullLoadWatcher(page)

    # Start on the form's first control, then use the keyboard alone: one Tab reaches "Abroad".
    page.get_by_role("checkbox", name=re.compile(r"^Home country")).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-location-abroad"

    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"[?&]location=abroad(&|$)"))
    expect(status(page)).to_have_text("3 of 3 strategies match.")
    expect(checkbox(page, "Abroad")).to_be_checked()
    # The explorer was replaced; focus moved to the new copy of the same checkbox.
    expect(checkbox(page, "Abroad")).to_be_focused()
    assert page.evaluate("document.activeElement.id") == "f-location-abroad"

    # A second key press works from there and narrows the table.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-performer-own-staff"
    page.keyboard.press("Space")
    expect_columns(page, ["Offshoring"])
    expect(checkbox(page, "The company's own staff")).to_be_focused()
    watcher.assert_no_full_load()


def test_keyboard_in_rows_to_show_keeps_the_picker_open_and_focused(page, live_starter):
    open_comparison(page, live_starter)
    row_headings = page.locator("tbody th[scope='row']")
    every_row = row_headings.all_inner_texts()
    assert len(every_row) > 1, every_row
    page.locator("details.rows-picker summary").focus()
    page.keyboard.press("Enter")  # opens the <details>
    goal = page.get_by_role("checkbox", name="Goal", exact=True)
    goal.focus()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"[?&]show=goal(&|$)"))
    expect(row_headings).to_have_text(["Goal"])
    expect(goal).to_be_focused()

    # Unticking the last chosen row shows every row again; the picker stays open, focus stays.
    page.keyboard.press("Space")
    expect(page).not_to_have_url(re.compile(r"show="))
    expect(row_headings).to_have_text(every_row)
    expect(page.locator("details.rows-picker")).to_have_attribute("open", "")
    expect(goal).to_be_focused()


def test_apply_button_keeps_focus_after_the_swap(page, live_starter):
    open_comparison(page, live_starter)
    button = page.get_by_role("button", name="Apply filters")
    button.focus()
    button.evaluate("button => { button.dataset.beforeSwap = 'yes'; }")
    with htmx_settled(page):
        page.keyboard.press("Enter")
    # The explorer was replaced (the marked button is gone), and the focus is on the new button.
    expect(page.locator("#apply-filters[data-before-swap]")).to_have_count(0)
    expect(status(page)).to_have_text("All 3 strategies shown.")
    assert page.evaluate("document.activeElement.id") == "apply-filters"
    expect(button).to_be_focused()


def test_without_javascript_the_form_submits_and_clears(page_without_js, live_starter):
    page = page_without_js
    open_comparison(page, live_starter, js=False)
    expect_columns(page, ALL)

    checkbox(page, "A third-party provider").check()
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"\?performer=third-party$"))
    expect_columns(page, ["Outsourcing", "Offshore outsourcing"])
    expect(checkbox(page, "A third-party provider")).to_be_checked()
    expect(status(page)).to_have_text("2 of 3 strategies match.")
    expect(page).to_have_title(re.compile(r"\(filtered\)"))

    page.get_by_role("link", name="Clear filters").click()
    expect(page).to_have_url(live_starter.url + PATH)
    expect_columns(page, ALL)
    expect(checkbox(page, "A third-party provider")).not_to_be_checked()
    expect(status(page)).to_have_text("All 3 strategies shown.")


def test_swap_updates_the_document_title_like_a_full_load(page, live_starter):
    open_comparison(page, live_starter)
    expect(page).not_to_have_title(re.compile(r"\(filtered\)"))
    checkbox(page, "Abroad").click()
    expect(page).to_have_url(re.compile(r"[?&]location=abroad(&|$)"))
    expect(page).to_have_title(
        "Outsourcing vs. offshoring (filtered) · Sourcing Explained", timeout=2_000
    )


def test_direct_filtered_url_shows_the_filtered_table(page, live_starter):
    open_comparison(page, live_starter, "?location=home-country")

    expect_columns(page, ["Outsourcing"])
    expect(checkbox(page, "Home country")).to_be_checked()
    expect(checkbox(page, "Abroad")).not_to_be_checked()
    expect(status(page)).to_have_text("1 of 3 strategies match.")
    expect(page.get_by_role("list", name="Active filters")).to_contain_text(
        "Where the work is done: Home country"
    )


def test_narrow_viewport_scrolls_the_table_not_the_page(browser, live_starter):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        open_comparison(page, live_starter)
        expect_columns(page, ALL)

        page_width = page.evaluate("document.documentElement.scrollWidth")
        assert page_width <= 360, f"the page scrolls sideways: scrollWidth {page_width}"

        region = page.get_by_role("region", name=re.compile(r"^Outsourcing vs\. offshoring"))
        expect(region).to_be_visible()
        scroll_width, client_width = region.evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert client_width <= 360
        assert scroll_width > client_width, "the table region should scroll horizontally"

        # It really scrolls: keyboard users can focus it and move it with the arrow keys.
        region.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => document.querySelector('.table-region').scrollLeft > 0", timeout=2000
        )
    finally:
        context.close()


def test_removing_a_filter_by_link_moves_focus_to_the_results(page, live_starter):
    open_comparison(page, live_starter, "?location=home-country&performer=own-staff")
    page.get_by_role("link", name=re.compile("Remove the .Who performs the work. filter")).click()
    expect_columns(page, ["Outsourcing"])
    expect(page.locator(".table-region")).to_be_focused()
    page.get_by_role("link", name="Clear filters").click()
    expect_columns(page, ALL)
    expect(page.locator(".table-region")).to_be_focused()
