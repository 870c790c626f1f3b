"""A hit is answered from what the process remembers (the keys it computed, the pages it
served last) and is still what a miss would be: the same host check, a response of its own
that nothing else holds, one query, and a bounded memory."""

import gzip
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory

from comparisons.models import Dimension
from pagecache import entries, keys
from pagecache.decorators import local_cache
from pagecache.entries import LocalPages
from tests.pagecache.cached import rendered

pytestmark = pytest.mark.django_db

PAGE = "/compare/outsourcing-vs-offshoring/"
EMBED = "/embed/compare/outsourcing-vs-offshoring/"
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.fixture
def without_common_middleware(settings):
    """Only the page cache checks the host: CommonMiddleware, which would refuse it first, is
    left out."""
    common = "django.middleware.common.CommonMiddleware"
    settings.MIDDLEWARE = [m for m in django_settings.MIDDLEWARE if m != common]


def test_a_refused_host_is_refused_on_a_cached_page(client, starter):
    assert client.get(PAGE).status_code == 200
    assert not rendered(client.get(PAGE))
    assert client.get(PAGE, headers={"Host": "evil.example"}).status_code == 400


def test_a_forwarded_host_is_checked_though_the_key_for_its_page_is_known(
    client, starter, settings, without_common_middleware
):
    settings.USE_X_FORWARDED_HOST = True
    assert client.get(PAGE).status_code == 200
    assert not rendered(client.get(PAGE))  # its key is known now
    refused = client.get(PAGE, headers={"X-Forwarded-Host": "evil.example"})
    assert refused.status_code == 400
    allowed = client.get(PAGE, headers={"X-Forwarded-Host": "testserver"})
    assert allowed.status_code == 200
    assert not rendered(allowed)  # the same page


def test_a_host_refused_by_a_changed_setting_is_refused_at_once(
    client, starter, settings, without_common_middleware
):
    assert client.get(PAGE).status_code == 200
    assert not rendered(client.get(PAGE))
    settings.ALLOWED_HOSTS = ["example.org"]
    assert client.get(PAGE).status_code == 400


def test_a_hit_is_a_response_of_its_own(client, starter, page_cache):
    first = client.get(PAGE, headers=BROWSER)
    body, etag = first.content, first["ETag"]
    hit = client.get(PAGE, headers=BROWSER)
    # Whatever happens to one response on its way out happens to it alone.
    hit["ETag"] = 'W/"changed"'
    hit["X-Extra"] = "1"
    hit.content = b"changed"
    again = client.get(PAGE, headers=BROWSER)
    assert not rendered(again)
    assert again.content == body and again["ETag"] == etag
    assert "X-Extra" not in again


def test_a_hit_without_gzip_leaves_the_next_one_gzipped(client, starter, page_cache):
    plain = client.get(PAGE).content
    for headers in (BROWSER, {}, BROWSER, {}):
        response = client.get(PAGE, headers=headers)
        assert not rendered(response)
        gzipped = response.get("Content-Encoding") == "gzip"
        assert gzipped == bool(headers)
        assert (gzip.decompress(response.content) if gzipped else response.content) == plain


def test_an_embeds_framing_rules_are_its_own_on_every_hit(client, starter):
    client.get(EMBED)
    hit = client.get(EMBED)
    hit._csp_replace["frame-ancestors"].append("https://evil.example")
    again = client.get(EMBED)
    assert "evil.example" not in again["Content-Security-Policy"]
    assert "frame-ancestors https: http:" in again["Content-Security-Policy"]


def test_a_known_key_costs_one_query(client, starter, django_assert_num_queries):
    client.get(PAGE, {"location": "abroad"})
    client.get(PAGE, {"location": "abroad"})
    with django_assert_num_queries(1):  # the content version
        response = client.get(PAGE, {"location": "abroad"})
    assert not rendered(response)


def test_local_pages_keep_the_last_used_ones(monkeypatch):
    now = [1000.0]  # the clock LocalPages reads, moved by the test alone
    monkeypatch.setattr(entries, "time", SimpleNamespace(monotonic=lambda: now[0]))
    pages = LocalPages(max_entries=3)
    for key in "abc":
        pages.set(key, key.upper(), timeout=60)
    assert pages.get("a") == "A"  # used: "b" is now the least recently used
    pages.set("d", "D", timeout=60)
    assert sorted(pages.keys()) == ["a", "c", "d"]
    assert pages.get("b") is None
    pages.set("e", "E", timeout=5)
    now[0] += 4
    assert pages.get("e") == "E"  # not yet
    now[0] += 1
    assert pages.get("e") is None  # its timeout is over
    assert pages.ttl("a") == 55


def test_the_local_layer_is_bounded(client, starter):
    assert local_cache.max_entries == 300
    for number in range(5):
        client.get(PAGE, {"show": f"dimension-{number}"})
    local_cache.max_entries = 3
    try:
        client.get(PAGE, {"show": "one-more"})
        assert len(local_cache.keys()) == 3
    finally:
        local_cache.max_entries = 300


def test_remembered_keys_are_bounded_and_stay_right(starter, monkeypatch):
    monkeypatch.setattr(keys, "KNOWN_KEYS", 50)
    factory = RequestFactory()
    first = keys.cache_key(factory.get(PAGE, {"location": "abroad"}), None)
    for number in range(120):
        keys.cache_key(factory.get(PAGE, {"location": "abroad", "n": number}), None)
    assert len(keys._known) == 50
    assert keys.cache_key(factory.get(PAGE, {"location": "abroad"}), None) == first


def test_a_views_reading_of_its_query_is_remembered_per_content_version(starter):
    calls = []

    def reads(request, content_version):
        calls.append(content_version)
        return sorted(request.GET.items())

    request = RequestFactory().get(PAGE, {"location": "abroad"})
    key = keys.cache_key(request, reads)
    assert keys.cache_key(request, reads) == key
    assert len(calls) == 1
    local_cache.clear()  # what a new test starts with: keys computed again
    assert keys.cache_key(request, reads) == key
    assert len(calls) == 2
    Dimension.objects.first().save()  # a new content version
    assert keys.cache_key(request, reads) != key
    assert len(calls) == 3
