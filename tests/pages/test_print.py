"""The print stylesheet: content only, and a comparison table that prints whole."""

import re

from django.conf import settings


def print_rules():
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    start = css.index("@media print")
    depth, end = 0, None
    for index in range(css.index("{", start), len(css)):
        if css[index] == "{":
            depth += 1
        elif css[index] == "}":
            depth -= 1
            if depth == 0:
                end = index
                break
    block = re.sub(r"/\*.*?\*/", "", css[css.index("{", start) + 1 : end], flags=re.DOTALL)
    rules = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", block):
        for selector in selectors.split(","):
            rules.setdefault(" ".join(selector.split()), []).append(" ".join(body.split()))
    return rules


def declarations(rules, selector):
    return " ".join(rules.get(selector, []))


def test_print_hides_navigation_filters_and_page_furniture():
    rules = print_rules()
    for selector in (
        ".filters",
        ".chips",
        ".skip-link",
        ".site-header nav",
        ".embed-panel",
        ".downloads",
        ".site-footer",
    ):
        assert "display: none" in declarations(rules, selector), selector


def test_print_shows_the_whole_table():
    rules = print_rules()
    assert "overflow: visible" in declarations(rules, ".table-region")
    assert "min-width: 0" in declarations(rules, ".comparison-table")
    assert "position: static" in declarations(rules, '.comparison-table th[scope="row"]')
    assert "table-header-group" in declarations(rules, ".comparison-table thead")
    assert "break-inside: avoid" in declarations(rules, ".comparison-table tr")
    assert "content: none" in declarations(rules, ".comparison-table a::after")


def test_pages_link_the_stylesheet_that_has_the_print_rules(client, db):
    html = client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert b"@media print" in b"".join(response.streaming_content)
