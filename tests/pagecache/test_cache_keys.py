"""Everything a cached response depends on is in its key, and nothing else: htmx's trigger,
the settings that shape responses; not the tracking parameters links pick up on the way."""

import re
import time

import pytest
import redis
from django.core.cache import cache
from django.test import override_settings

from pagecache.decorators import local_cache
from pagecache.keys import is_tracking
from tests.pagecache.cached import page_entries, rendered
from tests.pagecache.conftest import REDIS_URL

pytestmark = pytest.mark.django_db

PAGE = "/compare/outsourcing-vs-offshoring/"
EMBED = "/embed/compare/outsourcing-vs-offshoring/"
HTMX = {"HX-Request": "true"}
CLEAR_FILTERS = HTMX | {"HX-Trigger": "clear-filters"}
AUTOFOCUS = re.compile(rb"<[^>]*\bautofocus\b")


@pytest.mark.parametrize("url", [PAGE + "?location=abroad", EMBED + "?location=abroad"])
def test_a_fragment_asked_for_by_a_trigger_is_not_served_without_it(client, starter, url):
    focused = client.get(url, headers=CLEAR_FILTERS)
    assert AUTOFOCUS.search(focused.content)
    plain = client.get(url, headers=HTMX)
    assert rendered(plain)
    assert not AUTOFOCUS.search(plain.content)
    # Each is cached under its own key: asked again, each gets its own.
    again = client.get(url, headers=CLEAR_FILTERS)
    assert not rendered(again) and again.content == focused.content


def test_the_trigger_counts_by_presence_not_by_name(client, starter):
    client.get(PAGE, headers=HTMX | {"HX-Trigger": "clear-filters"})
    other = client.get(PAGE, headers=HTMX | {"HX-Trigger": "another-button"})
    assert not rendered(other)
    assert AUTOFOCUS.search(other.content)


@pytest.mark.parametrize(
    "headers",
    [HTMX, CLEAR_FILTERS, {"HX-Trigger": "clear-filters"}],
    ids=["fragment", "fragment-with-trigger", "trigger-only"],
)
def test_htmx_fragments_are_private_in_the_page_cache_and_out_of_it(client, starter, headers):
    for url, max_age in ((PAGE, "max-age=0"), (EMBED, "max-age=300")):
        miss = client.get(url, headers=headers)
        hit = client.get(url, headers=headers)
        not_modified = client.get(url, headers=headers | {"If-None-Match": hit["ETag"]})
        assert rendered(miss) and not rendered(hit) and not_modified.status_code == 304
        for response in (miss, hit, not_modified):
            directives = set(response["Cache-Control"].replace(" ", "").split(","))
            assert directives == {"private", max_age}, (url, response["Cache-Control"])


def test_whole_pages_and_history_restores_stay_public(client, starter, settings):
    settings.CDN_MAX_AGE = 60
    restore = HTMX | {"HX-History-Restore-Request": "true"}
    for headers in ({}, restore, {"HX-Request": "false"}):
        response = client.get(PAGE, headers=headers)
        assert response.content.startswith(b"<!doctype html>")
        assert set(response["Cache-Control"].replace(" ", "").split(",")) == {
            "public",
            "max-age=0",
            "s-maxage=60",
        }
    assert "HX-Trigger" in client.get(PAGE)["Vary"]


def test_a_missing_embed_fragment_is_private_too(client, starter):
    response = client.get("/embed/compare/no-such-table/", headers=HTMX)
    assert response.status_code == 404
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("setting", "first", "second", "url", "expected"),
    [
        ("EMBED_MAX_AGE", 300, 30, EMBED, "max-age=30"),
        ("CDN_MAX_AGE", 60, 5, PAGE, "s-maxage=5"),
    ],
)
def test_a_changed_setting_shows_at_the_next_request(
    client, starter, page_cache, setting, first, second, url, expected
):
    with override_settings(**{setting: first}):
        before = client.get(url)
        assert not rendered(client.get(url))  # cached
    with override_settings(**{setting: second}):
        after = client.get(url)
        assert expected in after["Cache-Control"].replace(" ", "").split(",")
        # The body is the same: a browser's copy revalidates, with the new headers.
        not_modified = client.get(url, headers={"If-None-Match": before["ETag"]})
        assert not_modified.status_code == 304
        assert not_modified["Cache-Control"] == after["Cache-Control"]


def test_a_changed_frame_ancestors_setting_shows_at_the_next_request(client, starter, page_cache):
    with override_settings(EMBED_FRAME_ANCESTORS=["https:", "http:"]):
        client.get(EMBED)
        assert "frame-ancestors https: http:" in client.get(EMBED)["Content-Security-Policy"]
    with override_settings(EMBED_FRAME_ANCESTORS=["https://partner.example"]):
        policy = client.get(EMBED)["Content-Security-Policy"]
        assert "frame-ancestors https://partner.example" in policy


def test_a_changed_site_name_shows_at_the_next_request(client, starter, page_cache):
    client.get("/")
    with override_settings(SITE_NAME="Renamed Explainers"):
        assert b"Renamed Explainers" in client.get("/").content


@pytest.mark.parametrize(
    "name",
    ["utm_source", "utm_campaign", "fbclid", "gclid", "msclkid", "_", "_ga", "_hsenc"],
)
def test_tracking_parameters_hit_the_page_without_them(client, starter, name):
    page = client.get(PAGE, {"location": "abroad"})
    tracked = client.get(PAGE, {"location": "abroad", name: "campaign-42"})
    assert not rendered(tracked)
    assert tracked.content == page.content


def test_parameters_views_read_are_not_tracking():
    for name in ("location", "show", "theme", "controls", "q", "step", "url", "format"):
        assert not is_tracking(name)


def test_fifty_campaigns_make_one_entry(client, starter, page_cache):
    for number in range(50):
        response = client.get(PAGE, {"location": "abroad", "utm_source": f"newsletter-{number}"})
        assert response.status_code == 200
    shared, local = page_entries(page_cache)
    assert len(shared) == len(local) == 1


def test_every_entry_has_a_lifetime(client, starter, page_cache, settings):
    settings.PAGE_CACHE_SECONDS = 600
    client.get(PAGE)
    shared, local = page_entries(page_cache)
    assert shared
    if page_cache == "redis":
        client_ = redis.Redis.from_url(REDIS_URL)
        assert all(0 < client_.ttl(key) <= 600 for key in shared)
    else:
        expiries = [cache._expire_info[key] for key in shared]
        assert all(e is not None and e <= time.time() + 600 for e in expiries)
    assert local and all(0 < local_cache.ttl(key) <= 600 for key in local)
