"""A reader suggests a correction the way a reader does: the cell's link, the form, the thanks;
with JavaScript and without. The suggestion is stored, and the table does not change."""

import re

import pytest
from playwright.sync_api import expect

from comparisons.models import Cell
from corrections.models import Status, Suggestion

TABLE = "/compare/outsourcing-vs-offshoring/"
CELL_NAME = "Offshoring × Risks and drawbacks"


def suggest_through_the_table(page, live_starter, text):
    page.set_default_timeout(5_000)
    assert page.goto(live_starter.url + TABLE).status == 200
    link = page.get_by_role("link", name=f"Suggest a correction for {CELL_NAME}")
    expect(link).to_have_count(1)
    link.click()
    expect(page).to_have_url(re.compile(r"/suggest/\?strategy=offshoring&dimension=risks$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Suggest a correction")
    expect(page.locator(".suggest-current")).to_contain_text("Language and cultural barriers")
    page.get_by_label("Your correction").fill(text)
    page.get_by_label("Source (optional)").fill("https://example.org/currency-risk")
    page.get_by_label("Your e-mail (optional)").fill("reader@example.org")
    page.get_by_role("button", name="Send the suggestion").click()
    expect(page).to_have_url(re.compile(r"/suggest/thanks/\?strategy=offshoring&dimension=risks$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    page.get_by_role("link", name=re.compile("Back to")).click()
    expect(page).to_have_url(re.compile(re.escape(TABLE) + "#row-risks$"))


@pytest.mark.parametrize("js", [True, False], ids=["with-js", "without-js"])
def test_a_reader_suggests_a_correction(page, page_without_js, live_starter, js):
    text = f"Currency risk is missing ({'with' if js else 'without'} JavaScript)."
    suggest_through_the_table(page if js else page_without_js, live_starter, text)
    suggestion = Suggestion.objects.get()
    assert suggestion.text == text
    assert suggestion.status == Status.NEW
    assert (suggestion.strategy.slug, suggestion.dimension.slug) == ("offshoring", "risks")
    assert suggestion.email == "reader@example.org"
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks")
    assert "Currency risk" not in cell.text  # the editors decide; nothing changed by itself


def test_the_browser_asks_for_the_text_before_sending(page, live_starter):
    page.set_default_timeout(5_000)
    page.goto(live_starter.url + TABLE + "suggest/?strategy=offshoring&dimension=risks")
    posted = []
    page.on("request", lambda request: request.method == "POST" and posted.append(request.url))
    page.get_by_role("button", name="Send the suggestion").click()
    # The browser stops the form itself and takes the reader to the empty, required field: the
    # server's own check would answer a POST with the page again, at the same address.
    correction = page.get_by_label("Your correction")
    expect(correction).to_be_focused()
    assert correction.evaluate("(el) => el.validity.valueMissing")
    assert posted == [], f"the form was sent: {posted}"
    assert Suggestion.objects.count() == 0


def test_the_honeypot_is_out_of_sight_and_out_of_the_tab_order(page, live_starter):
    page.set_default_timeout(5_000)
    page.goto(live_starter.url + TABLE + "suggest/?strategy=offshoring&dimension=risks")
    trap = page.locator("#id_website")
    box = trap.bounding_box()
    assert box is None or box["x"] + box["width"] < 0
    page.get_by_label("Your e-mail (optional)").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send the suggestion")).to_be_focused()


def test_an_editor_reaches_the_suggestion_from_the_dashboard_and_accepts_it(
    page, live_starter, sign_in
):
    suggest_through_the_table(page, live_starter, "Currency risk is missing.")
    sign_in(page, live_starter.url)
    page.get_by_role("link", name="Editors' dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Editors' dashboard")
    page.locator("#open-suggestions").get_by_role("link", name=CELL_NAME).click()
    expect(page.locator(".field-texts")).to_contain_text("Currency risk is missing.")
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".messagelist")).to_contain_text("Accepted 1 suggestion.")
    assert Suggestion.objects.get().status == Status.ACCEPTED
