"""Phone and desktop layouts: a screenshot of each page, and nothing wider than the screen.

The screenshots land in test-results/screens/<page>-<size>.png (gitignored) for a person to look
at. The measurement is what fails the test: the page must not scroll sideways, and no element may
reach past the viewport's right edge, except inside the comparison table's own scrolling region
(`.table-region`, which is meant to scroll) and visually hidden text.
"""

from pathlib import Path

import pytest

SCREENS_DIR = Path(__file__).resolve().parents[2] / "test-results" / "screens"
SIZES = {"phone": (360, 740), "desktop": (1280, 900), "wide": (1440, 900)}
PATH = "/compare/outsourcing-vs-offshoring/"
PAGES = {
    "home": "/",
    "article": "/articles/outsourcing-vs-offshoring/",
    "comparison": PATH,
    "comparison-filtered": PATH + "?location=abroad&performer=third-party",
    "comparison-empty": PATH + "?location=home-country&performer=own-staff",
    "sourcing-models": "/compare/sourcing-models/",
    "pair": "/compare/sourcing-models/offshoring-vs-nearshoring/",
    "embed": "/embed/compare/outsourcing-vs-offshoring/",
    "guide": PATH + "guide/",
    "glossary": "/glossary/",
    "search": "/search/?q=offshoring",
}

# Returns the page's scroll width and every element whose right edge passes the viewport's.
OVERFLOW = """() => {
  const width = window.innerWidth;
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) return s + '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    const parent = el.parentElement;
    if (parent) {
      const same = [...parent.children].filter((c) => c.tagName === el.tagName);
      if (same.length > 1) s += `:nth-of-type(${same.indexOf(el) + 1})`;
    }
    return s;
  };
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      parts.unshift(name(e));
      if (e.id) break;
    }
    return parts.join(' > ');
  };
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    // The region itself must fit; what it scrolls may not.
    if (el.parentElement.closest('.table-region')) continue;
    if (el.closest('.visually-hidden')) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (rect.right > width + 1) {
      offenders.push(`${path(el)} (right edge ${Math.round(rect.right)})`);
    }
  }
  return {width, scrollWidth: document.documentElement.scrollWidth, offenders};
}"""


@pytest.fixture(params=list(SIZES))
def sized_page(request, browser):
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(5_000)
    yield request.param, page
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_fits_the_screen(sized_page, live_starter, name):
    size, page = sized_page
    response = page.goto(live_starter.url + PAGES[name])
    assert response.status == 200
    page.wait_for_function("() => document.fonts.status === 'loaded'")

    layout = page.evaluate(OVERFLOW)
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS_DIR / f"{name}-{size}.png", full_page=True)

    problems = []
    if layout["scrollWidth"] > layout["width"]:
        problems.append(
            f"the page scrolls sideways: scrollWidth {layout['scrollWidth']} > {layout['width']}"
        )
    problems += layout["offenders"]
    assert not problems, f"{name} at {size} ({layout['width']} px wide):\n  " + "\n  ".join(
        problems
    )
