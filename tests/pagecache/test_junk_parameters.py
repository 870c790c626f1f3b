"""A cached page is keyed on what its view reads of the query string, normalised as the view
reads it: parameters no view reads (?asdf=1), blank and repeated filter values and random
htmx header values share one entry, while every parameter a view does read still makes its
own page."""

import random
import string

import pytest

from comparisons.models import Comparison, ComparisonDimension, Dimension, Option
from tests.config.test_every_url import public_urls
from tests.pagecache.cached import page_entries, rendered

pytestmark = pytest.mark.django_db

PAGE = "/compare/outsourcing-vs-offshoring/"
JUNK = {"asdf": "1", "ref": "homepage", "session-id": "x7"}


def junk_name(rng):
    return "".join(rng.choices(string.ascii_lowercase, k=8))


def with_junk(url):
    return url + ("&" if "?" in url else "?") + "asdf=1&ref=homepage&session-id=x7"


def test_parameters_no_view_reads_share_every_pages_entry(client, starter, settings):
    settings.PAGE_CACHE_SECONDS = 600
    failures = []
    for url in public_urls():
        # Never cached: the health check reads the database each time; the correction form
        # (corrections) carries one visitor's CSRF token, and its thanks follows a post.
        if url == "/healthz" or "/suggest/" in url:
            continue
        page = client.get(url)
        junk = client.get(with_junk(url))
        # The same ETag: the very same cached response, not one rendered again.
        if junk.status_code != 200 or junk["ETag"] != page["ETag"] or rendered(junk):
            failures.append(url)
    assert failures == []


def test_three_hundred_junk_requests_make_one_entry(client, starter, page_cache):
    rng = random.Random(300)
    for number in range(300):
        headers = {"HX-Request": rng.choice(["", "1", "false", "yes", junk_name(rng)])}
        response = client.get(PAGE, {junk_name(rng): str(number)}, headers=headers)
        assert response.status_code == 200
    shared, _local = page_entries(page_cache)
    assert len(shared) == 1


def test_a_hit_with_junk_parameters_costs_one_query(client, starter, django_assert_num_queries):
    client.get(PAGE, {"location": "abroad"})
    with django_assert_num_queries(1):  # the content version
        response = client.get(PAGE, {"location": "abroad", **JUNK})
    assert not rendered(response)


@pytest.mark.parametrize(
    "query",
    [
        "location=abroad&location=abroad",
        "location=%20abroad%20",
        "location=abroad&location=",
        "location=&location=abroad&asdf=2",
    ],
)
def test_blank_and_repeated_filter_values_share_the_filtered_entry(client, starter, query):
    filtered = client.get(PAGE + "?location=abroad")
    same = client.get(PAGE + "?" + query)
    assert not rendered(same)
    assert same.content == filtered.content


def test_repeated_rows_to_show_share_an_entry(client, starter):
    shown = client.get(PAGE + "?show=location&location=abroad")
    same = client.get(PAGE + "?show=location&show=location&location=abroad&show=")
    assert not rendered(same)
    assert same.content == shown.content


@pytest.mark.parametrize(
    ("url", "query"),
    [
        (PAGE, "location=abroad"),
        (PAGE, "location=nowhere"),
        (PAGE, "show=location"),
        ("/embed" + PAGE, "theme=dark"),
        ("/embed" + PAGE, "controls=0"),
        (PAGE + "guide/", "step=2"),
        ("/compare/outsourcing-vs-offshoring.json", "location=abroad"),
        ("/compare/outsourcing-vs-offshoring.csv", "location=nowhere"),
        ("/search/", "q=offshoring"),
        ("/oembed/", "url=http%3A%2F%2Ftestserver" + PAGE + "&maxwidth=400"),
    ],
)
def test_every_parameter_a_view_reads_still_makes_its_own_page(client, starter, url, query):
    base = url + "?url=http%3A%2F%2Ftestserver" + PAGE if url == "/oembed/" else url
    first = client.get(base)
    other = client.get(url + "?" + query)
    # Served from the first request's entry, it would be the first page.
    assert other.content != first.content


def test_a_new_dimension_is_read_as_a_filter_at_once(client, starter):
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    before = client.get(PAGE, {"budget": "small"})  # not a dimension yet: ignored
    assert b"budget" not in before.content
    dimension = Dimension.objects.create(name="Budget", slug="budget", filterable=True)
    ComparisonDimension.objects.create(comparison=comparison, dimension=dimension, order=99)
    Option.objects.create(dimension=dimension, label="Small budget", slug="small")
    after = client.get(PAGE, {"budget": "small"})
    assert rendered(after)
    unfiltered = client.get(PAGE)
    assert b"Small budget" in unfiltered.content
    # No strategy has the option yet: filtered by it, the page is not the unfiltered one.
    assert after.content != unfiltered.content
