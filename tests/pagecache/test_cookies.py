"""No public cached response sets a cookie or varies on one, whatever cookies a reader sends."""

import secrets
import string

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

SLUG = "outsourcing-vs-offshoring"
# The sessionless public artefacts: cached for everyone, whatever cookies come with them.
SESSIONLESS = [
    f"/embed/compare/{SLUG}/",
    f"/embed/compare/{SLUG}/?location=abroad&theme=dark",
    f"/compare/{SLUG}.json",
    f"/compare/{SLUG}.csv",
    f"/oembed/?url=http://testserver/compare/{SLUG}/&format=json",
    "/embed.js",
    "/robots.txt",
    "/sitemap.xml",
    "/feed/",
]
ALPHABET = string.ascii_letters + string.digits
CSRF_COOKIES = {
    "bogus": "not a token!",
    "short": "abc",
    "secret": "".join(secrets.choice(ALPHABET) for _ in range(32)),
    "masked": "".join(secrets.choice(ALPHABET) for _ in range(64)),
}


def reader(**cookies):
    client = Client()
    for name, value in cookies.items():
        client.cookies[name] = value
    return client


def assert_public_and_cookieless(response, url):
    assert response.status_code in (200, 304), url
    assert not response.cookies, (url, response.cookies)
    assert "Cookie" not in response.get("Vary", "").replace(" ", "").split(","), url
    assert "public" in response["Cache-Control"], url


@pytest.mark.parametrize("url", SESSIONLESS)
@pytest.mark.parametrize("cookie", CSRF_COOKIES, ids=list(CSRF_COOKIES))
def test_a_csrf_cookie_never_comes_back_from_a_sessionless_page(starter, url, cookie):
    client = reader(**{settings.CSRF_COOKIE_NAME: CSRF_COOKIES[cookie]})
    miss = client.get(url)
    hit = client.get(url)
    not_modified = client.get(url, headers={"If-None-Match": hit["ETag"]})
    for response in (miss, hit, not_modified):
        assert_public_and_cookieless(response, url)


@pytest.mark.parametrize("url", SESSIONLESS)
def test_session_and_csrf_cookies_together_change_nothing(starter, url):
    plain = Client().get(url)
    client = reader(
        **{settings.SESSION_COOKIE_NAME: "stale-session", settings.CSRF_COOKIE_NAME: "bogus!"}
    )
    response = client.get(url)
    assert_public_and_cookieless(response, url)
    assert response["ETag"] == plain["ETag"]


def test_a_public_page_that_must_set_a_csrf_cookie_is_private(starter):
    url = f"/compare/{SLUG}/"
    Client().get(url)  # cached
    response = reader(**{settings.CSRF_COOKIE_NAME: "not a token!"}).get(url)
    # A malformed cookie on a page that keeps CSRF (it is not sessionless): Django replaces
    # it, so this response is one visitor's and no shared cache may keep it.
    assert settings.CSRF_COOKIE_NAME in response.cookies
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
