"""The public change log: /compare/<slug>/changes/ and its Atom feed, as readers get them."""

import re
from xml.etree import ElementTree

import pytest

from comparisons.models import Cell, Comparison
from editorial import changenotes

pytestmark = pytest.mark.django_db

MAIN = "/compare/outsourcing-vs-offshoring/"
CHANGES = MAIN + "changes/"
FEED = MAIN + "changes.atom"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def edited(starter, django_capture_on_commit_callbacks):
    """The starter content with one published change (version 2), with a public note."""
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="definition")
    with (
        django_capture_on_commit_callbacks(execute=True),
        changenotes.noting("Made <clearer> & shorter", None),
    ):
        cell.text = cell.text.replace("keeps running it", "runs it")
        cell.save()
    return cell


def test_the_change_log_lists_versions_newest_first_with_a_word_diff(client, edited):
    response = client.get(CHANGES)
    html = response.content.decode()
    assert response.status_code == 200
    headings = re.findall(r'<h2 id="v(\d+)-heading">', html)
    assert headings == ["2", "1"]
    assert "Reason:</strong> Made &lt;clearer&gt; &amp; shorter" in html
    assert "<del>keeps running</del>" in html and "<ins>runs</ins>" in html
    assert "Offshoring × In one line" in html
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html) == ["Changes to “Outsourcing vs. offshoring”"]


def test_the_comparison_page_shows_its_version_and_links_the_log_and_feed(client, edited):
    html = client.get(MAIN).content.decode()
    assert "Version 2" in html
    assert f'<a href="{CHANGES}">What changed</a>' in html
    assert f'<link rel="alternate" type="application/atom+xml" href="{FEED}"' in html


def test_the_feed_has_one_entry_per_version(client, edited):
    response = client.get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Version 2: Text changed",
        "Version 1: First version",
    ]
    assert entries[0].find(f"{ATOM}link").get("href").endswith(CHANGES + "#v2")
    summary = entries[0].findtext(f"{ATOM}summary")
    assert "<ins>runs</ins>" in summary and "Made &lt;clearer&gt;" in summary
    assert "Set-Cookie" not in response


def test_the_log_follows_an_edit_at_once_though_pages_are_cached(
    client, starter, django_capture_on_commit_callbacks
):
    assert "Version 1" in client.get(CHANGES).content.decode()
    cell = Cell.objects.get(strategy__slug="outsourcing", dimension__slug="definition")
    with django_capture_on_commit_callbacks(execute=True):
        cell.text = "A new first line."
        cell.save()
    assert '<h2 id="v2-heading">' in client.get(CHANGES).content.decode()
    assert client.get(MAIN.rstrip("/") + ".json").json()["comparison"]["version"] == 2


@pytest.mark.parametrize("url", [CHANGES, FEED])
def test_no_log_for_unknown_or_unpublished_comparisons(client, starter, url):
    assert client.get(url.replace("outsourcing-vs-offshoring", "nope")).status_code == 404
    Comparison.objects.filter(slug="outsourcing-vs-offshoring").update(is_published=False)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "1\x00", "9" * 40, ""])
def test_any_page_number_gets_a_page(client, edited, page):
    response = client.get(CHANGES, {"page": page})
    assert response.status_code == 200
    # Both versions fit on one page: whatever the number asked for, that page lists them.
    assert re.findall(r'<h2 id="v(\d+)-heading">', response.content.decode()) == ["2", "1"]
