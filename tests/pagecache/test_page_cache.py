"""Public pages come from the page cache, revalidate with ETags, and never show stale content
after an editor's save; editors' own responses are never kept by anyone."""

import gzip
import json
from datetime import timedelta
from unittest import mock

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse

from comparisons.models import Cell, Comparison
from content.models import Article
from pagecache.decorators import public_page
from pagecache.middleware import PublicGZipMiddleware
from tests.admin_forms import submitted
from tests.pagecache.cached import rendered

pytestmark = pytest.mark.django_db

PAGE = "/compare/outsourcing-vs-offshoring/"
HTMX = {"HX-Request": "true"}
# Every kind of public URL: pages, the htmx fragment, embeds and exports.
PUBLIC = [
    ("/", {}),
    ("/articles/", {}),
    ("/articles/outsourcing-vs-offshoring/", {}),
    ("/compare/", {}),
    (PAGE + "?location=abroad", {}),
    (PAGE + "?location=abroad", HTMX),
    (PAGE + "guide/", {}),
    (PAGE + "guide/", HTMX),
    ("/embed/compare/outsourcing-vs-offshoring/?location=abroad", {}),
    ("/embed/compare/outsourcing-vs-offshoring/?location=abroad", HTMX),
    ("/compare/outsourcing-vs-offshoring.json?location=abroad", {}),
    ("/compare/outsourcing-vs-offshoring.csv", {}),
    ("/glossary/", {}),
    ("/glossary/offshoring/", {}),
    ("/search/?q=offshoring", {}),
    ("/oembed/?url=http://testserver/compare/outsourcing-vs-offshoring/&format=json", {}),
    ("/embed.js", {}),
    ("/feed/", {}),
    ("/sitemap.xml", {}),
    ("/robots.txt", {}),
]


@pytest.mark.parametrize(("url", "headers"), PUBLIC)
def test_every_public_response_has_an_etag_and_revalidates_with_an_empty_304(
    client, starter, url, headers
):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    # htmx fragments are for the browser alone: a CDN ignoring Vary would serve one as the page.
    assert ("private" if headers == HTMX else "public") in response["Cache-Control"]
    again = client.get(url, headers=headers | {"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == response["ETag"]
    assert again["Cache-Control"] == response["Cache-Control"]
    # A 304 states no other length than the 200's (RFC 9110, 8.6).
    assert again["Content-Length"] == response["Content-Length"]


def test_a_304_costs_one_query_and_no_rendering(client, starter, django_assert_num_queries):
    etag = client.get(PAGE)["ETag"]
    with django_assert_num_queries(1):  # the content version
        response = client.get(PAGE, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert not rendered(response)


def test_an_outdated_etag_gets_the_page(client, starter):
    response = client.get(PAGE, headers={"If-None-Match": 'W/"something-older"'})
    assert response.status_code == 200
    assert response.content


def test_a_repeated_request_is_served_from_the_cache(
    client, starter, page_cache, django_assert_num_queries
):
    first = client.get(PAGE, {"location": "abroad"})
    assert rendered(first)
    with django_assert_num_queries(1):
        second = client.get(PAGE, {"location": "abroad"})
    assert not rendered(second)
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_parameter_order_does_not_make_another_page(client, starter):
    first = client.get(PAGE + "?location=abroad&performer=third-party")
    second = client.get(PAGE + "?performer=third-party&location=abroad")
    assert rendered(first) and not rendered(second)
    assert second.content == first.content


def test_page_fragment_and_history_restore_are_cached_apart(client, starter):
    fragment = client.get(PAGE, headers=HTMX)
    page = client.get(PAGE)
    restore = client.get(PAGE, headers=HTMX | {"HX-History-Restore-Request": "true"})
    assert b'<div id="explorer"' in fragment.content
    assert not fragment.content.startswith(b"<!doctype html>")
    assert page.content.startswith(b"<!doctype html>")
    assert restore.content.startswith(b"<!doctype html>")
    for response in (fragment, page, restore):
        assert {"HX-Request", "HX-History-Restore-Request"} <= set(
            response["Vary"].replace(" ", "").split(",")
        )


def test_pages_may_be_kept_briefly_by_a_cdn_and_are_revalidated_by_browsers(
    client, starter, settings
):
    settings.CDN_MAX_AGE = 120
    cache_control = client.get(PAGE)["Cache-Control"]
    assert set(cache_control.replace(" ", "").split(",")) == {
        "public",
        "max-age=0",
        "s-maxage=120",
    }


def test_an_embed_keeps_its_own_max_age_and_its_framing_when_cached(starter):
    url = "/embed/compare/outsourcing-vs-offshoring/"
    client = Client()
    first = client.get(url)
    hit = client.get(url)
    not_modified = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert not rendered(hit)
    for response in (first, hit, not_modified):
        assert "max-age=300" in response["Cache-Control"]
        assert "X-Frame-Options" not in response
        assert "frame-ancestors https: http:" in response["Content-Security-Policy"]
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")
    assert not_modified.status_code == 304


def edit_cell_in_the_admin(staff_client, cell, text):
    change = reverse("admin:comparisons_cell_change", args=[cell.pk])
    form = submitted(staff_client.get(change))
    response = staff_client.post(change, form | {"text": text})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_an_editors_change_to_a_cell_shows_at_once_everywhere(staff_client, starter, page_cache):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks")
    reader = Client()
    urls = [
        (PAGE, {}),
        (PAGE, HTMX),
        ("/embed/compare/outsourcing-vs-offshoring/", {}),
        ("/embed/compare/outsourcing-vs-offshoring/", HTMX),
        ("/compare/outsourcing-vs-offshoring.json", {}),
        ("/compare/outsourcing-vs-offshoring.csv", {}),
    ]
    before = {}
    for url, headers in urls:
        before[url, tuple(headers)] = reader.get(url, headers=headers)["ETag"]
        assert not rendered(reader.get(url, headers=headers))  # cached now

    edit_cell_in_the_admin(staff_client, cell, "A freshly edited risk, shown at once.")

    for url, headers in urls:
        response = reader.get(url, headers=headers)
        assert "A freshly edited risk, shown at once." in response.content.decode(), url
        assert response["ETag"] != before[url, tuple(headers)]
        # The browser's old copy is outdated: revalidating it gets the new content.
        old = reader.get(url, headers=headers | {"If-None-Match": before[url, tuple(headers)]})
        assert old.status_code == 200
    data = json.loads(reader.get("/compare/outsourcing-vs-offshoring.json").content)
    texts = [c["text"] for c in data["cells"] if c["dimension"] == "risks"]
    assert "A freshly edited risk, shown at once." in texts


def test_editors_responses_are_private_and_never_cached(staff_client, starter, page_cache):
    response = staff_client.get(PAGE)
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == {"private", "no-cache"}
    assert "ETag" not in response
    assert rendered(staff_client.get(PAGE))  # not served from the cache either
    assert rendered(Client().get(PAGE))  # and nothing was kept for readers


def test_drafts_never_reach_readers_through_the_cache(staff_client, starter, page_cache):
    Article.objects.create(
        title="Unfinished thoughts", slug="unfinished", summary="Draft.", body="Not yet."
    )
    Comparison.objects.create(title="Secret table", slug="secret-table")
    assert staff_client.get("/articles/unfinished/").status_code == 200
    assert staff_client.get("/compare/secret-table/").status_code == 200

    reader = Client()
    assert reader.get("/articles/unfinished/").status_code == 404
    assert reader.get("/compare/secret-table/").status_code == 404
    assert b"Unfinished thoughts" not in reader.get("/articles/").content
    assert b"Secret table" not in reader.get("/compare/").content


def test_a_scheduled_article_appears_when_its_time_comes(
    client, starter, page_cache, schedule_article
):
    publish_at = schedule_article("Tomorrow's news", slug="tomorrow")
    assert b"Tomorrow&#x27;s news" not in client.get("/articles/").content
    assert not rendered(client.get("/articles/"))  # cached without it
    later = publish_at + timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get("/articles/")
        assert rendered(response)
        assert b"Tomorrow&#x27;s news" in response.content
        assert client.get("/articles/tomorrow/").status_code == 200


def test_public_pages_are_gzipped_for_clients_that_accept_it(client, starter, page_cache):
    browser = {"Accept-Encoding": "gzip, deflate, br"}
    miss = client.get(PAGE, headers=browser)
    hit = client.get(PAGE, headers=browser)
    plain = client.get(PAGE)
    assert rendered(miss) and not rendered(hit)
    for response in (miss, hit):
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content) == plain.content
        assert int(response["Content-Length"]) == len(response.content) < len(plain.content) / 3
    assert "Content-Encoding" not in plain
    not_modified = client.get(PAGE, headers=browser | {"If-None-Match": hit["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified["Content-Length"] == hit["Content-Length"]


def test_json_and_csv_exports_are_gzipped_too(client, starter):
    for extension in ("json", "csv"):
        url = f"/compare/outsourcing-vs-offshoring.{extension}"
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response["Content-Encoding"] == "gzip", url
        assert response["Access-Control-Allow-Origin"] == "*"


def test_admin_responses_are_never_gzipped(staff_client, starter):
    for url in (reverse("admin:index"), reverse("admin:comparisons_cell_changelist")):
        response = staff_client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200
        assert "Content-Encoding" not in response, url
    login = Client().get(reverse("admin:login"), headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in login


def test_responses_that_set_a_cookie_are_not_gzipped():
    def view(request):
        response = HttpResponse("x" * 1000)
        response.set_cookie("secret", "value")
        return response

    request = RequestFactory().get("/anything/", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in PublicGZipMiddleware(view)(request)
    plain = PublicGZipMiddleware(lambda request: HttpResponse("x" * 1000))(request)
    assert plain["Content-Encoding"] == "gzip"


def test_an_unreachable_cache_server_does_not_take_the_site_down(client, starter, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "ETag" in response


def test_without_a_page_cache_etags_still_answer_304(client, starter, settings):
    settings.PAGE_CACHE_SECONDS = 0
    etag = client.get(PAGE)["ETag"]
    response = client.get(PAGE, headers={"If-None-Match": etag})
    assert response.status_code == 304


def test_a_response_with_a_csrf_token_is_not_cached(db):
    calls = []

    @public_page
    def form(request):
        calls.append(1)
        return HttpResponse(f"<form>{get_token(request)}</form>")

    for _ in range(2):
        assert form(RequestFactory().get("/form/")).status_code == 200
    assert len(calls) == 2
