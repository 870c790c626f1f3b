"""Pinned embeds: /embed/compare/<slug>/v/<n>/ shows a version for ever, from Version.data."""

import re

import pytest
from django.utils.html import strip_tags

from changelog.models import Version
from comparisons.models import Cell, Option
from pagecache import version
from tests.comparisons.test_embeds import directives
from tests.comparisons.test_oembed_parts import oembed

pytestmark = pytest.mark.django_db

SLUG = "outsourcing-vs-offshoring"
LIVE = f"/embed/compare/{SLUG}/"
V1 = LIVE + "v/1/"
NEW_TEXT = "A wholly new definition, written after version 1."


@pytest.fixture
def edited(starter, django_capture_on_commit_callbacks):
    """Version 2: offshoring's definition rewritten; returns its first sentence before."""
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="definition")
    before = cell.text.split(".")[0]
    with django_capture_on_commit_callbacks(execute=True):
        cell.text = NEW_TEXT
        cell.save()
    assert Version.objects.filter(comparison__slug=SLUG).count() == 2
    return before


def test_a_pinned_embed_stays_as_it_was_while_the_live_one_changes(client, starter, edited):
    pinned = client.get(V1).content.decode()
    assert NEW_TEXT not in pinned and edited in pinned
    assert NEW_TEXT in client.get(LIVE).content.decode()
    assert NEW_TEXT in client.get(LIVE + "v/2/").content.decode()


def test_a_pinned_embed_is_drawn_from_the_version_data_alone(client, starter):
    before = client.get(V1).content.decode()
    # Change the live rows behind the change log's back: the pinned embed does not follow.
    Cell.objects.filter(strategy__slug="offshoring").update(text="Tampered", text_html="Tampered")
    Option.objects.filter(dimension__slug="location", slug="abroad").update(label="Elsewhere")
    version.bump()  # as any save would: the page cache's key changes
    after = client.get(V1).content.decode()
    assert "Tampered" not in after and "Elsewhere" not in after
    assert re.findall(r"<table.*</table>", after, re.S) == re.findall(
        r"<table.*</table>", before, re.S
    )


def test_a_newer_version_is_announced_with_links(client, starter, edited):
    html = client.get(V1).content.decode()
    notice = re.search(r'<p class="notice pinned-notice"([^>]*)>(.*?)</p>', html, re.S)
    assert " hidden" not in notice[1]
    assert strip_tags(notice[2]).startswith("This is version 1 of this table; version 2 is out.")
    assert f'href="/compare/{SLUG}/changes/" target="_blank" rel="noopener">What changed' in html
    assert f'href="/compare/{SLUG}/" target="_blank" rel="noopener">The current table' in html
    # The newest version's line waits, hidden, for a version after it.
    newest = client.get(LIVE + "v/2/").content.decode()
    assert re.search(r'<p class="notice pinned-notice"[^>]* hidden>', newest)


def test_the_latest_version_announces_nothing(client, starter):
    response = client.get(V1)
    assert response.status_code == 200
    assert re.search(r'<p class="notice pinned-notice"[^>]* hidden>', response.content.decode())


def test_filters_pick_and_differences_work_on_a_pinned_embed(client, starter, edited):
    live = client.get(LIVE, {"location": "abroad", "differences": "1"}).content.decode()
    pinned = client.get(V1, {"location": "abroad", "differences": "1"}).content.decode()
    assert 'id="f-location-abroad" name="location" value="abroad" checked' in pinned
    assert 'name="differences" value="1" checked' in pinned
    # Forms and links stay on the pinned address.
    assert f'action="{V1}"' in pinned
    columns = re.findall(r'<th scope="col" id="col-([-\w]+)"', pinned)
    assert columns == re.findall(r'<th scope="col" id="col-([-\w]+)"', live)
    picked = client.get(V1, {"pick": "offshoring"}).content.decode()
    assert re.findall(r'<th scope="col" id="col-([-\w]+)"', picked) == ["offshoring"]
    shown = client.get(V1, {"show": "definition"}).content.decode()
    assert re.findall(r'<tr id="row-([-\w]+)"', shown) == ["definition"]
    fragment = client.get(V1, {"pick": "offshoring"}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()


def test_pinned_headers_immutable_frameable_and_cookieless(client, starter):
    client.cookies["sessionid"] = "stale"
    client.cookies["csrftoken"] = "bad"
    for _ in range(2):  # rendered, then from the page cache
        response = client.get(V1, {"location": "abroad"})
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "X-Frame-Options" not in response
        assert directives(response)["frame-ancestors"] == ["https:", "http:"]
        assert "Set-Cookie" not in response and not response.cookies
        assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize(
    "path",
    [
        LIVE + "v/7/",
        LIVE + "v/0/",
        LIVE + "v/99999999999999999999/",
        LIVE + "v/abc/",
        LIVE + "v/-1/",
        LIVE + "v/%D9%A3/",  # an Arabic-Indic three
        "/embed/compare/no-such-table/v/1/",
    ],
)
def test_unknown_or_hostile_versions_are_a_frameable_404(client, starter, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "This version of the table does not exist" in response.content.decode()
    assert "X-Frame-Options" not in response
    assert directives(response)["frame-ancestors"] == ["https:", "http:"]
    assert "immutable" not in response["Cache-Control"]
    assert "Set-Cookie" not in response


def test_existing_routes_still_resolve(client, starter):
    assert client.get(LIVE).status_code == 200
    assert client.get(f"/compare/{SLUG}/outsourcing-vs-offshoring/").status_code in (200, 301)


def test_oembed_gives_the_comparison_version_of_live_urls(client, starter, edited):
    for path in (f"/compare/{SLUG}/", LIVE):
        data = oembed(client, path).json()
        assert data["version"] == "1.0"
        assert data["comparison_version"] == 2
        assert f'src="http://testserver{LIVE}"' in data["html"]


def test_oembed_accepts_pinned_urls_and_points_at_the_pinned_embed(client, starter, edited):
    data = oembed(client, V1 + "?location=abroad").json()
    assert data["version"] == "1.0"
    assert data["comparison_version"] == 1
    assert f'src="http://testserver{V1}?location=abroad"' in data["html"]


@pytest.mark.parametrize("path", [LIVE + "v/9/", LIVE + "v/0/", LIVE + "v/x/"])
def test_oembed_of_an_unknown_version_is_404(client, starter, path):
    assert oembed(client, path).status_code == 404


def test_latest_json_names_the_newest_version_and_is_revalidated(client, starter):
    response = client.get("/embed/compare/outsourcing-vs-offshoring/latest.json")
    assert response.status_code == 200
    assert response.json() == {"comparison": "outsourcing-vs-offshoring", "version": 1}
    assert "max-age=0" in response["Cache-Control"]
    assert not response.cookies
    again = client.get(
        "/embed/compare/outsourcing-vs-offshoring/latest.json",
        headers={"If-None-Match": response["ETag"]},
    )
    assert again.status_code == 304


@pytest.mark.parametrize("slug", ["no-such-table", "x" * 300])
def test_latest_json_of_an_unknown_comparison_is_404(client, starter, slug):
    response = client.get(f"/embed/compare/{slug}/latest.json")
    assert response.status_code == 404
    assert "error" in response.json()


def test_the_pinned_page_asks_for_the_newest_version_only_while_it_is_the_newest(client, starter):
    html = client.get("/embed/compare/outsourcing-vs-offshoring/v/1/").content.decode()
    assert 'data-latest-url="/embed/compare/outsourcing-vs-offshoring/latest.json"' in html
    assert re.search(r'<p class="notice pinned-notice"[^>]* hidden>', html)
