"""Accessibility: axe-core's WCAG 2.x A/AA rules on every kind of page, plus the checks axe cannot
make by itself (keyboard order, the skip link, live regions, reduced motion).

axe-core comes from npm (package.json; `make test` runs `npm ci` when it is missing). The site's
strict CSP blocks inline scripts, so axe is evaluated through the DevTools protocol
(`page.evaluate`), which CSP does not govern, rather than added as a <script> tag.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import WCAG_TAGS, assert_accessible

PATH = "/compare/outsourcing-vs-offshoring/"
EMBED = "/embed/compare/outsourcing-vs-offshoring/"
ARTICLE = "/articles/outsourcing-vs-offshoring/"

PAGES = {
    "home": "/",
    "article": ARTICLE,
    "articles": "/articles/",
    "compare-list": "/compare/",
    "comparison": PATH,
    "comparison-filtered": PATH + "?location=abroad&performer=third-party",
    "comparison-empty": PATH + "?location=home-country&performer=own-staff",
    "comparison-picked": "/compare/sourcing-models/?pick=offshoring&pick=nearshoring&differences=1",
    "pair": "/compare/sourcing-models/offshoring-vs-nearshoring/",
    "embed": EMBED,
    "embed-dark": EMBED + "?theme=dark",
    "guide": PATH + "guide/",
    "glossary": "/glossary/",
    "glossary-term": "/glossary/offshore-outsourcing/",
    "search": "/search/?q=offshoring",
    "search-empty": "/search/?q=zzzz",
    "suggest": PATH + "suggest/?strategy=offshoring&dimension=risks",
    "suggest-thanks": PATH + "suggest/thanks/?strategy=offshoring&dimension=risks",
    "embed-suggest": EMBED + "?suggest=1",
    "pair-embed": "/embed/compare/sourcing-models/offshoring-vs-nearshoring/?location=abroad",
    "map-embed": EMBED + "map/",
    "map-embed-dark": EMBED + "map/?theme=dark&pick=offshoring",
}


def open_page(page, url):
    page.set_default_timeout(5_000)
    response = page.goto(url)
    assert response.status == 200, f"{url}: HTTP {response.status}"


@pytest.fixture
def dark_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations(page, live_starter, axe, name):
    open_page(page, live_starter.url + PAGES[name])
    assert_accessible(axe, page, f"{name} ({PAGES[name]})")


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("name", ["comparison", "comparison-filtered", "pair"])
def test_phone_layout_has_no_axe_violations(phone_page, live_starter, axe, name):
    open_page(phone_page, live_starter.url + PAGES[name])
    phone_page.locator(".filters-panel > summary").click()  # the folded filters, opened
    assert_accessible(axe, phone_page, f"{name} ({PAGES[name]}) at 360 px")


@pytest.mark.parametrize("name", ["home", "comparison", "embed"])
def test_dark_mode_has_no_axe_violations(dark_page, live_starter, axe, name):
    open_page(dark_page, live_starter.url + PAGES[name])
    assert dark_page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches")
    assert_accessible(axe, dark_page, f"{name} ({PAGES[name]}) in dark mode")


def test_comparison_after_an_htmx_filter_click(page, live_starter, axe):
    open_page(page, live_starter.url + PATH)
    page.get_by_role("checkbox", name=re.compile(r"^Abroad")).click()
    expect(page).to_have_url(re.compile(r"[?&]location=abroad(&|$)"))
    expect(page.locator("#result-status")).to_have_text("3 of 3 strategies match.")
    assert_accessible(axe, page, "the comparison page after an htmx filter click")


def test_admin_login_has_no_axe_violations(page, live_server, axe):
    open_page(page, live_server.url + "/admin/login/")
    # Django's own markup: WCAG rules only. Its login page has no <h1>, which axe's
    # best-practice "page-has-heading-one" reports; that is not a WCAG failure.
    assert_accessible(axe, page, "the admin login page", tags=WCAG_TAGS)


def test_axe_reports_a_known_violation(page, live_starter, axe):
    """The zero counts above mean something: the same run catches a planted image without alt."""
    open_page(page, live_starter.url + "/")
    page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in [v["id"] for v in axe(page)]


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, live_starter):
    open_page(page, live_starter.url + ARTICLE)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    # Shown while focused: inside the viewport, not parked above it.
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0, f"skip link not visible: {box}"

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement === document.querySelector('main')")
    expect(page).to_have_url(re.compile(r"#main$"))
    # The next Tab continues inside main, not back at the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')")


def test_result_count_is_a_polite_live_region(page, live_starter):
    for url in (PATH, EMBED):
        open_page(page, live_starter.url + url)
        status = page.locator("#result-status")
        expect(status).to_have_attribute("role", "status")
        expect(status).to_have_attribute("aria-live", "polite")
        expect(status).to_have_text("All 3 strategies shown.")
    # After a swap it is the same live region whose text changed, not a new one.
    open_page(page, live_starter.url + PATH)
    page.evaluate("() => { window.__status = document.getElementById('result-status'); }")
    page.get_by_role("checkbox", name=re.compile(r"^Home country")).click()
    expect(page.locator("#result-status")).to_have_text("1 of 3 strategies match.")
    assert page.evaluate("() => window.__status === document.getElementById('result-status')")


MOTION = """() => {
  const moving = [];
  const focusable = 'a[href], button, input, summary, textarea, [tabindex]';
  for (const el of document.querySelectorAll(focusable)) {
    const style = getComputedStyle(el);
    const durations = (style.transitionDuration + ',' + style.animationDuration).split(',');
    if (style.animationName !== 'none' || durations.some((d) => parseFloat(d) > 0)) {
      moving.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''));
    }
  }
  return {
    reduce: matchMedia('(prefers-reduced-motion: reduce)').matches,
    scroll: getComputedStyle(document.documentElement).scrollBehavior,
    moving,
  };
}"""


def test_reduced_motion_is_respected(browser, live_starter):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    try:
        page = context.new_page()
        for url in ("/", PATH):
            open_page(page, live_starter.url + url)
            page.get_by_role("link", name="Skip to content").focus()
            motion = page.evaluate(MOTION)
            assert motion["reduce"], "the context should prefer reduced motion"
            assert motion["scroll"] == "auto", f"{url}: smooth scrolling despite reduced motion"
            assert motion["moving"] == [], f"{url}: still animated: {motion['moving']}"
    finally:
        context.close()
