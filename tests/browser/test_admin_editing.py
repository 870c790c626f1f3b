"""An editor of the Editors group (not a superuser), in a real browser: reorders a comparison's
columns by dragging and by keyboard, previews an article's Markdown without saving, and sees
each saved change on the public page; all under the strict CSP (the autouse monitor)."""

import re

import pytest
from playwright.sync_api import expect

from comparisons.models import Comparison
from content.models import Article
from glossary.models import Term
from tests.browser.axe import AXE_JS, AXE_RUN, WCAG_TAGS, describe

# axe as the accessibility tests run it, but without reading the style sheets itself: the
# admin's use @import, which axe would copy into <style> elements the strict CSP refuses.
# (Only the CSS media-query rule needs them; the admin has no orientation lock.)
ADMIN_AXE_RUN = AXE_RUN.replace("iframes: false,", "iframes: false, preload: false,")
SLUG = "outsourcing-vs-offshoring"
PUBLIC = f"/compare/{SLUG}/"


@pytest.fixture
def comparison_admin(page, live_starter, sign_in):
    """The page of the starter comparison in the admin, signed in as the editor."""
    page.set_default_timeout(5_000)
    sign_in(page, live_starter.url)
    comparison = Comparison.objects.get(slug=SLUG)
    page.goto(f"{live_starter.url}/admin/comparisons/comparison/{comparison.pk}/change/")
    expect(page.get_by_role("heading", level=2, name=comparison.title)).to_be_visible()
    return page


def public_columns(browser, live_server):
    """The names of the public comparison's columns, left to right, as a reader sees them."""
    reader = browser.new_page()
    reader.goto(live_server.url + PUBLIC)
    headings = reader.locator("table thead th[id^='col-']")
    names = headings.evaluate_all("(ths) => ths.map((th) => th.firstChild.textContent.trim())")
    reader.close()
    return names


def column_rows(page):
    return page.locator("#strategy_links-group tr.has_original")


def save(page):
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")


def names_in_admin(page):
    # The chosen strategy of each row, top to bottom (select2 keeps the <select> up to date).
    return column_rows(page).locator("td.field-strategy select option:checked").all_inner_texts()


def test_an_editor_drags_a_column_and_the_public_page_follows(
    comparison_admin, live_starter, browser
):
    page = comparison_admin
    before = names_in_admin(page)
    assert public_columns(browser, live_starter) == before
    second = column_rows(page).nth(1).locator("td.original p")
    first = column_rows(page).nth(0).locator("td.original p")
    second.drag_to(first)
    expect(column_rows(page).nth(0).locator("option:checked")).to_have_text(before[1])
    save(page)

    after = [before[1], before[0], *before[2:]]
    assert names_in_admin(page) == after
    assert public_columns(browser, live_starter) == after


def test_an_editor_moves_a_column_with_the_keyboard(comparison_admin, live_starter, browser):
    page = comparison_admin
    before = names_in_admin(page)
    up = page.get_by_role("button", name=f"Move {before[1]} up")
    up.focus()
    page.keyboard.press("Enter")
    status = page.locator("#strategy_links-group .ordering-status")
    expect(status).to_have_text(f"{before[1]} moved to position 1 of {len(before)}.")
    expect(up).to_be_focused()  # the focus stays with the row that moved
    page.keyboard.press("Enter")
    expect(status).to_have_text(f"{before[1]} is already first.")
    page.get_by_role("button", name=f"Move {before[0]} down").focus()
    page.keyboard.press("Space")
    expect(status).to_have_text(f"{before[0]} moved to position 3 of {len(before)}.")

    page.get_by_role("button", name="Save and continue editing").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    after = [before[1], *before[2:], before[0]]
    assert names_in_admin(page) == after
    assert public_columns(browser, live_starter) == after


def test_the_comparison_admin_page_has_no_axe_violations(comparison_admin):
    page = comparison_admin
    assert "preload: false" in ADMIN_AXE_RUN
    page.evaluate(AXE_JS.read_text())
    violations = page.evaluate(ADMIN_AXE_RUN, WCAG_TAGS)
    assert not violations, describe(violations)


def test_an_editor_previews_markdown_without_saving(page, live_starter, sign_in, browser):
    article = Article.objects.get(slug=SLUG)
    page.set_default_timeout(5_000)
    sign_in(page, live_starter.url)
    page.goto(f"{live_starter.url}/admin/content/article/{article.pk}/change/")

    body = page.get_by_label("Body")
    body.fill(
        "## Trying words\n\nOffshoring, previewed.<script>window.ran = 1</script>\n\n"
        f"[[compare {SLUG} location=abroad]]\n"
    )
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".markdown-preview")
    expect(preview.get_by_role("heading", name="Preview (not saved)")).to_be_visible()
    expect(preview.get_by_role("heading", level=2, name="Trying words")).to_be_visible()
    expect(preview.locator("a.term", has_text="Offshoring")).to_have_attribute(
        "href", "/glossary/offshoring/"
    )
    expect(preview.locator("table caption")).to_contain_text("Outsourcing vs. offshoring")
    assert preview.locator("script").count() == 0
    assert page.evaluate("() => window.ran") is None
    expect(preview).to_have_attribute("aria-live", "polite")

    # Nothing saved: readers still see the article as it was.
    reader = browser.new_page()
    reader.goto(live_starter.url + article.get_absolute_url())
    expect(reader.get_by_role("heading", level=1)).to_have_text(article.title)
    expect(reader.get_by_text("Trying words")).to_have_count(0)
    reader.close()
    assert Article.objects.get(pk=article.pk).body == article.body

    # Too long: the save's own limit and message, shown where the preview would be.
    body.fill("a" * 20_001)
    page.get_by_role("button", name="Preview").click()
    expect(preview.locator(".errornote")).to_contain_text("the most this field takes is 20,000")
    assert re.search(r"20,001", preview.inner_text())


def test_a_terms_preview_does_not_link_the_term_to_itself(page, live_starter, sign_in):
    term = Term.objects.get(slug="offshoring")
    page.set_default_timeout(5_000)
    sign_in(page, live_starter.url)
    page.goto(f"{live_starter.url}/admin/glossary/term/{term.pk}/change/")
    page.locator("#id_definition").fill("Offshoring is not outsourcing.")
    page.locator(".field-definition").get_by_role("button", name="Preview").click()
    preview = page.locator(".field-definition .markdown-preview")
    expect(preview.locator("a.term", has_text="outsourcing")).to_have_attribute(
        "href", "/glossary/outsourcing/"
    )
    expect(preview.locator("a.term", has_text="Offshoring")).to_have_count(0)
