"""The "Which fits me?" guide, answered the way a reader answers it.

With JavaScript, htmx swaps only the guide region, pushes each step's address and moves focus to
the new question; without it, the same form submits as a plain GET. Either way each step is an
address that back and forward can walk.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.hosting import FullLoadWatcher

GUIDE = "/compare/outsourcing-vs-offshoring/guide/"
TABLE = "/compare/outsourcing-vs-offshoring/"


def open_guide(page, live_starter, query="", js=True):
    page.set_default_timeout(5_000)
    response = page.goto(live_starter.url + GUIDE + query)
    assert response.status == 200
    if js:
        assert page.evaluate("() => typeof window.htmx") == "object", "htmx did not load"
    expect(page.get_by_role("heading", level=1)).to_have_text("Which fits me?")


def question_heading(page):
    return page.locator("#guide-heading")


def status(page):
    return page.locator("#guide-status[role=status]")


def answer(page, group, label):
    page.get_by_role("group", name=group).get_by_role("radio", name=label, exact=True).check()
    page.get_by_role("button", name="Next").click()


def match_names(page):
    return page.locator(".guide-matches > li h3")


def wait_for_focus_on_heading(page):
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.id === 'guide-heading'",
        timeout=3_000,
    )


def test_three_questions_swap_in_place_and_end_with_matches(page, live_starter):
    open_guide(page, live_starter)
    expect(question_heading(page)).to_have_text("Where should the work be done?")
    expect(status(page)).to_have_text("Question 1 of 3")
    watcher = FullLoadWatcher(page)

    answer(page, "Where the work is done", "Abroad")
    expect(question_heading(page)).to_have_text("Who should do the work?")
    expect(page).to_have_url(re.compile(r"\?location=abroad&step=2$"))
    expect(status(page)).to_have_text("Question 2 of 3")
    expect(question_heading(page)).to_be_focused()
    expect(page).to_have_title(re.compile(r"question 2 of 3"))

    answer(page, "Who performs the work", "A third-party provider")
    expect(question_heading(page)).to_have_text("What is your main goal?")
    expect(page).to_have_url(re.compile(r"\?location=abroad&performer=third-party&step=3$"))
    expect(status(page)).to_have_text("Question 3 of 3")
    expect(question_heading(page)).to_be_focused()

    answer(page, "Goal", "Cut costs")
    expect(question_heading(page)).to_have_text("2 strategies fit your answers")
    expect(page).to_have_url(
        re.compile(r"\?location=abroad&performer=third-party&goal=cut-costs&step=4$")
    )
    expect(status(page)).to_have_text("Results: 2 strategies fit")
    expect(question_heading(page)).to_be_focused()
    expect(match_names(page)).to_have_text(["Outsourcing", "Offshore outsourcing"])
    expect(page.locator(".guide-reason").first).to_contain_text("A third-party provider.")
    table_link = page.get_by_role("link", name="See these in the table")
    expect(table_link).to_have_attribute(
        "href", TABLE + "?location=abroad&performer=third-party&goal=cut-costs"
    )
    watcher.assert_no_full_load()

    # Back returns to the previous step, with its answer still chosen.
    page.go_back()
    expect(page).to_have_url(re.compile(r"&step=3$"))
    expect(question_heading(page)).to_have_text("What is your main goal?")
    expect(status(page)).to_have_text("Question 3 of 3")
    page.go_back()
    expect(question_heading(page)).to_have_text("Who should do the work?")
    watcher.assert_no_full_load()

    # The table link leads to the same strategies.
    page.go_forward()
    page.go_forward()
    expect(match_names(page)).to_have_count(2)
    page.get_by_role("link", name="See these in the table").click()
    expect(page).to_have_url(
        live_starter.url + TABLE + "?location=abroad&performer=third-party&goal=cut-costs"
    )
    expect(page.locator("thead th[scope='col'][id^='col-']")).to_have_count(2)


def test_back_link_and_no_match_advice(page, live_starter):
    open_guide(page, live_starter)
    watcher = FullLoadWatcher(page)
    answer(page, "Where the work is done", "Home country")
    expect(question_heading(page)).to_have_text("Who should do the work?")

    page.get_by_role("link", name="Back", exact=True).click()
    expect(question_heading(page)).to_have_text("Where should the work be done?")
    expect(page).to_have_url(re.compile(r"\?location=home-country&step=1$"))
    expect(page.get_by_role("radio", name="Home country")).to_be_checked()
    expect(question_heading(page)).to_be_focused()

    page.get_by_role("button", name="Next").click()
    answer(page, "Who performs the work", "The company's own staff")
    answer(page, "Goal", "No preference")
    expect(question_heading(page)).to_have_text("No strategy fits all your answers")
    expect(page).to_have_url(
        re.compile(r"\?location=home-country&performer=own-staff&goal=&step=4$")
    )
    expect(status(page)).to_have_text("Results: no strategy fits all your answers")

    fixes = page.locator(".guide-fixes")
    expect(fixes).to_contain_text("Where the work is done: instead of “Home country”")
    fixes.get_by_role("link", name="Abroad").click()
    expect(match_names(page)).to_have_text(["Offshoring"])
    expect(question_heading(page)).to_be_focused()
    watcher.assert_no_full_load()


def test_keyboard_alone_answers_the_questions(page, live_starter):
    open_guide(page, live_starter)
    watcher = FullLoadWatcher(page)

    # Into the radio group: Tab reaches the chosen radio ("No preference"); arrows change it.
    question_heading(page).focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("radio", name="No preference")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.get_by_role("radio", name="Abroad")).to_be_checked()
    page.keyboard.press("Tab")  # the Back link
    page.keyboard.press("Tab")  # Next
    expect(page.get_by_role("button", name="Next")).to_be_focused()
    page.keyboard.press("Enter")

    expect(question_heading(page)).to_have_text("Who should do the work?")
    wait_for_focus_on_heading(page)
    # From the focused heading, the next Tab lands in the new question.
    page.keyboard.press("Tab")
    expect(page.get_by_role("radio", name="No preference")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.get_by_role("radio", name="The company's own staff")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(question_heading(page)).to_have_text("What is your main goal?")
    wait_for_focus_on_heading(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(match_names(page)).to_have_text(["Offshoring"])
    wait_for_focus_on_heading(page)
    watcher.assert_no_full_load()


def test_comparison_page_links_to_the_guide(page, live_starter):
    page.set_default_timeout(5_000)
    page.goto(live_starter.url + TABLE)
    page.get_by_role("link", name=re.compile(r"^Not sure which fits\?")).click()
    expect(page).to_have_url(live_starter.url + GUIDE)
    expect(question_heading(page)).to_have_text("Where should the work be done?")


def test_without_javascript_the_form_submits_each_step(page_without_js, live_starter):
    page = page_without_js
    open_guide(page, live_starter, js=False)
    expect(question_heading(page)).to_have_text("Where should the work be done?")

    answer(page, "Where the work is done", "Abroad")
    expect(page).to_have_url(re.compile(r"\?location=abroad&step=2$"))
    expect(question_heading(page)).to_have_text("Who should do the work?")
    expect(status(page)).to_have_text("Question 2 of 3")

    answer(page, "Who performs the work", "The company's own staff")
    expect(page).to_have_url(re.compile(r"\?location=abroad&performer=own-staff&step=3$"))
    expect(question_heading(page)).to_have_text("What is your main goal?")

    answer(page, "Goal", "Enter new markets")
    expect(page).to_have_url(
        re.compile(r"\?location=abroad&performer=own-staff&goal=enter-new-markets&step=4$")
    )
    expect(question_heading(page)).to_have_text("1 strategy fits your answers")
    expect(match_names(page)).to_have_text(["Offshoring"])

    page.get_by_role("link", name="Back", exact=True).click()
    expect(question_heading(page)).to_have_text("What is your main goal?")
    expect(page.get_by_role("radio", name="Enter new markets")).to_be_checked()

    page.get_by_role("button", name="Next").click()
    page.get_by_role("link", name="See these in the table").click()
    expect(page).to_have_url(
        live_starter.url + TABLE + "?location=abroad&performer=own-staff&goal=enter-new-markets"
    )
    expect(page.locator("thead th[scope='col'][id^='col-']")).to_have_count(1)


@pytest.mark.parametrize(
    "query", ["", "?location=abroad&step=4", "?location=home-country&performer=own-staff&step=4"]
)
def test_guide_has_no_axe_violations(
    page,
    live_starter,
    axe,
    query,
):
    open_guide(page, live_starter, query)
    assert_accessible(axe, page, f"the guide ({GUIDE}{query})")
