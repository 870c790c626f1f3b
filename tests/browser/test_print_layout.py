"""Printing, measured in the browser: the page laid out with print styles at paper width."""

import pytest
from playwright.sync_api import expect

# Printable width at 96 px/inch: A4 landscape with 1.2 cm margins (comparisons), and A4
# portrait with 1.5 cm margins (everything else).
LANDSCAPE_PX = round((297 - 24) / 25.4 * 96)
PORTRAIT_PX = round((210 - 30) / 25.4 * 96)

TABLE_FITS = """() => {
  const table = document.querySelector("table.comparison-table");
  const width = document.documentElement.clientWidth;
  const cells = [...table.querySelectorAll("th, td")];
  return {
    tableRight: table.getBoundingClientRect().right,
    width: width,
    cellsInside: cells.every(c => c.getBoundingClientRect().right <= width + 1),
    overflowing: cells.filter(c => c.scrollWidth > c.clientWidth + 1).length,
    fontPt: parseFloat(getComputedStyle(table.querySelector("td")).fontSize) * 0.75,
  };
}"""


@pytest.mark.parametrize("slug", ["outsourcing-vs-offshoring", "sourcing-models"])
def test_comparison_prints_whole_and_legible_on_landscape_paper(browser, live_starter, slug):
    page = browser.new_page(viewport={"width": LANDSCAPE_PX, "height": 700})
    try:
        page.emulate_media(media="print")
        page.goto(f"{live_starter.url}/compare/{slug}/")
        expect(page.locator(".site-header nav")).to_be_hidden()
        expect(page.locator("form.filters")).to_be_hidden()
        expect(page.locator(".embed-panel")).to_be_hidden()
        page_rule = page.evaluate(
            "() => getComputedStyle(document.querySelector('article.comparison')).page"
        )
        assert page_rule == "comparison"
        fit = page.evaluate(TABLE_FITS)
        assert fit["tableRight"] <= fit["width"] + 1, fit
        assert fit["cellsInside"] and fit["overflowing"] == 0, fit
        assert fit["fontPt"] >= 8.5, fit
    finally:
        page.close()


def test_article_prints_without_navigation_or_page_furniture(browser, live_starter):
    page = browser.new_page(viewport={"width": PORTRAIT_PX, "height": 900})
    try:
        page.emulate_media(media="print")
        page.goto(f"{live_starter.url}/articles/outsourcing-vs-offshoring/")
        for selector in (".site-header nav", ".toc", ".related", ".site-footer"):
            expect(page.locator(selector)).to_be_hidden()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= PORTRAIT_PX, f"the article is {scroll}px wide on {PORTRAIT_PX}px paper"
    finally:
        page.close()
