"""A pinned embed is immutable: a browser or CDN may serve the copy it kept before a newer
version came out. Such a copy, framed by another site, still tells its readers in one line.

The kept copy is real: the pinned page as the site served it before the edit, handed back to
the browser unchanged (Playwright's routing stands in for the cache that kept it).
"""

import pytest
from playwright.sync_api import expect

from comparisons.models import Cell
from tests.browser.hosting import article

SLUG = "outsourcing-vs-offshoring"
PINNED = f"/embed/compare/{SLUG}/v/1/"


@pytest.fixture
def kept_copy(live_starter, height_page):
    """The pinned page's body and headers as served while version 1 was the newest."""
    response = height_page.request.get(live_starter.url + PINNED)
    assert response.status == 200
    assert "immutable" in response.headers["cache-control"]
    return response.body(), response.headers


def serve_kept_copy(page, live_starter, kept):
    body, headers = kept
    served = []

    def from_the_cache(route):
        served.append(route.request.url)
        route.fulfill(status=200, headers=headers, body=body)

    page.route(live_starter.url + PINNED, from_the_cache)
    return served


def test_a_kept_copy_says_a_newer_version_is_out(height_page, live_starter, host_site, kept_copy):
    page = height_page
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="definition")
    cell.text = "Rewritten after version 1 was embedded."
    cell.save()  # commits: the change log records version 2

    served = serve_kept_copy(page, live_starter, kept_copy)
    frame = f'<iframe id="pinned" src="{live_starter.url}{PINNED}" title="Pinned"></iframe>'
    page.goto(host_site.add("/kept/", article(frame)))
    notice = page.frame_locator("#pinned").locator(".pinned-notice")
    expect(notice).to_be_visible()
    expect(notice).to_have_text(
        "This is version 1 of this table; version 2 is out. What changed · The current table"
    )
    assert served == [live_starter.url + PINNED], "the frame must be the kept copy"
    # The table itself is still version 1's.
    table = page.frame_locator("#pinned").locator("table")
    expect(table).not_to_contain_text("Rewritten after version 1 was embedded.")


def test_a_kept_copy_of_the_newest_version_says_nothing(
    height_page, live_starter, host_site, kept_copy
):
    page = height_page
    serve_kept_copy(page, live_starter, kept_copy)
    with page.expect_response(lambda r: r.url.endswith("/latest.json")) as answer:
        frame = f'<iframe id="pinned" src="{live_starter.url}{PINNED}" title="Pinned"></iframe>'
        page.goto(host_site.add("/current/", article(frame)))
    assert answer.value.json()["version"] == 1
    expect(page.frame_locator("#pinned").locator("table")).to_be_visible()
    expect(page.frame_locator("#pinned").locator(".pinned-notice")).to_be_hidden()


def test_a_kept_copy_names_the_newest_version_not_the_one_it_was_served_with(
    height_page, live_starter, host_site
):
    page = height_page
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="definition")
    cell.text = "Version 2 of this cell."
    cell.save()
    kept = page.request.get(live_starter.url + PINNED)
    assert 'version <span class="newer-number">2</span> is out' in kept.text()
    cell.text = "Version 3 of this cell."
    cell.save()

    serve_kept_copy(page, live_starter, (kept.body(), kept.headers))
    frame = f'<iframe id="pinned" src="{live_starter.url}{PINNED}" title="Pinned"></iframe>'
    page.goto(host_site.add("/older/", article(frame)))
    expect(page.frame_locator("#pinned").locator(".pinned-notice")).to_contain_text(
        "This is version 1 of this table; version 3 is out."
    )
