"""The strict Content-Security-Policy, in a real browser: what readers and editors do must work
without a single violation (the autouse fixture in conftest.py fails any test that causes one).
"""

import re

import pytest
from playwright.sync_api import expect

from content.models import Article
from tests.browser.hosting import checkbox, open_menu

SLUG = "outsourcing-vs-offshoring"
PATH = f"/compare/{SLUG}/"
EMBED = f"/embed/compare/{SLUG}/"
GUIDE = f"/compare/{SLUG}/guide/"
TITLE = "Outsourcing vs. offshoring"
ARTICLE = "Outsourcing vs. offshoring: what is the difference?"
PASSWORD = "a-long-test-password"


def open_page(page, url):
    page.set_default_timeout(5_000)
    response = page.goto(url)
    assert response.status == 200, f"{url}: HTTP {response.status}"
    # The browser really enforced the site's policy: not report-only, nothing loosened.
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "unsafe-" not in policy
    return response


def assert_no_violations(csp_violations):
    # The autouse fixture checks again at teardown; here the failure points at the step.
    assert csp_violations.collect() == []


def test_filtering_the_comparison(page, live_starter, csp_violations):
    open_page(page, live_starter.url + PATH)
    assert page.evaluate("() => typeof window.htmx") == "object", "htmx did not run"

    checkbox(page, "Abroad").click()
    expect(page).to_have_url(re.compile(r"[?&]location=abroad(&|$)"))
    expect(page.locator("#result-status")).to_have_text("3 of 3 strategies match.")
    checkbox(page, "The company's own staff").click()
    expect(page.locator("#result-status")).to_have_text("1 of 3 strategies match.")
    assert_no_violations(csp_violations)


def test_embed_preview_inside_the_comparison_page(page, live_starter, csp_violations):
    open_page(page, live_starter.url + PATH)
    page.get_by_text("Preview the embed").click()  # the preview loads when asked for
    frame = page.frame_locator("iframe.embed-preview")
    expect(frame.locator("caption")).to_have_text(TITLE)

    open_menu(frame, "Where the work is done")  # the embed's compact filters
    checkbox(frame, "Home country").click()
    expect(frame.locator("#result-status")).to_have_text("1 of 3 strategies match.")
    assert_no_violations(csp_violations)


def test_embed_page_on_its_own(page, live_starter, csp_violations):
    open_page(page, live_starter.url + EMBED + "?theme=dark")
    expect(page.locator("caption")).to_have_text(TITLE)
    open_menu(page, "Who performs the work")
    checkbox(page, "A third-party provider").click()
    expect(page.locator("#result-status")).to_have_text("2 of 3 strategies match.")
    assert_no_violations(csp_violations)


def test_guide_answered_by_clicking(page, live_starter, csp_violations):
    open_page(page, live_starter.url + GUIDE)
    for group, label in [
        ("Where the work is done", "Abroad"),
        ("Who performs the work", "A third-party provider"),
        ("Goal", "Cut costs"),
    ]:
        expect(page.get_by_role("group", name=group)).to_be_visible()
        page.get_by_role("group", name=group).get_by_role("radio", name=label, exact=True).click()
        page.get_by_role("button", name="Next").click()
    expect(page.locator("#guide-heading")).to_have_text(re.compile(r"fit your answers$"))

    page.get_by_role("link", name="See these in the table").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_no_violations(csp_violations)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", password=PASSWORD)


def log_in(page, live_server):
    open_page(page, live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_admin_edit_of_an_article(page, live_starter, editor, csp_violations):
    log_in(page, live_starter)
    page.goto(live_starter.url + "/admin/content/article/")
    page.get_by_role("link", name=ARTICLE, exact=True).click()
    expect(page.get_by_role("heading", level=2, name=ARTICLE)).to_be_visible()

    # The admin's own scripts: a new row of suggested articles, its autocomplete (select2,
    # fetched over XHR), and the date and time shortcuts.
    page.get_by_role("button", name="Add another Suggested article").click()
    page.locator(".field-suggested .select2-selection").last.click()
    page.locator(".select2-results__option", has_text="Offshore outsourcing and").click()
    page.locator(".field-published_at .datetimeshortcuts a", has_text="Today").click()
    page.get_by_label("Summary").fill("Edited in a browser under the strict policy.")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article = Article.objects.get(slug=SLUG)
    assert article.summary == "Edited in a browser under the strict policy."
    assert article.related.filter(slug="offshore-outsourcing-and-nearshoring").exists()
    assert_no_violations(csp_violations)


def test_the_monitor_catches_violations_in_pages_and_frames(page, live_starter, csp_violations):
    """The zero counts above mean something: a planted inline style is caught in the page and
    inside the embed preview frame, then forgotten so this test passes."""
    open_page(page, live_starter.url + PATH)
    page.get_by_text("Preview the embed").click()
    expect(page.frame_locator("iframe.embed-preview").locator("caption")).to_have_text(TITLE)
    plant = "() => document.body.insertAdjacentHTML('beforeend', '<p style=\"color:red\">x</p>')"
    page.evaluate(plant)
    page.frame(url=re.compile(re.escape(EMBED))).evaluate(plant)

    found = csp_violations.collect()
    page_url, embed_url = live_starter.url + PATH, live_starter.url + EMBED
    assert any(v.startswith(page_url) and "style-src" in v for v in found), found
    assert any(v.startswith(embed_url) and "style-src" in v for v in found), found
    csp_violations.clear()


def test_admin_history_of_an_article(page, live_starter, editor, csp_violations):
    article = Article.objects.get(slug=SLUG)
    article.save()  # one revision, so the history table (and its paginator) is shown
    log_in(page, live_starter)
    open_page(page, f"{live_starter.url}/admin/content/article/{article.pk}/history/")
    found = csp_violations.collect()
    csp_violations.clear()
    assert found == []
    expect(page.locator("#change-history tbody tr")).not_to_have_count(0)
