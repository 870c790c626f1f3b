"""Security headers, the Content-Security-Policy and the production settings that back them."""

import os
import runpy
import secrets

import pytest
from django.conf import settings
from django.test import Client

from tests.config.manage import run_manage

SLUG = "outsourcing-vs-offshoring"
EMBED = f"/embed/compare/{SLUG}/"
# The contract's public URLs (shared/domain/contract.md), plus pages added since.
PUBLIC_URLS = [
    "/",
    "/articles/",
    f"/articles/{SLUG}/",
    "/compare/",
    f"/compare/{SLUG}/",
    f"/compare/{SLUG}/?location=abroad&performer=third-party",
    f"/compare/{SLUG}/guide/",
    f"/compare/{SLUG}.json",
    f"/compare/{SLUG}.csv",
    EMBED,
    f"/oembed/?url=http://testserver/compare/{SLUG}/&format=json",
    "/glossary/",
    "/search/?q=offshoring",
    "/healthz",
    "/admin/",
    "/admin/login/",
]
POLICY = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
}
SWITCHED_OFF = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]
# Names whose production values the in-process tests below borrow from config.settings.prod.
PROD_PREFIXES = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_")


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        assert name not in directives, f"{name} given twice"
        directives[name] = value
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_url_has_the_strict_enforced_policy(client, starter, url):
    response = client.get(url)
    assert response.status_code in (200, 302), url
    expected = dict(POLICY)
    if url == EMBED:
        # Other sites may frame the embed, and only the embed.
        expected["frame-ancestors"] = " ".join(settings.EMBED_FRAME_ANCESTORS)
    assert parse_csp(response["Content-Security-Policy"]) == expected
    assert "unsafe-" not in response["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in response


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/content/article/add/", "/admin/comparisons/comparison/add/"]
)
def test_admin_pages_for_editors_have_the_strict_policy(staff_client, url):
    response = staff_client.get(url)
    assert response.status_code == 200
    assert parse_csp(response["Content-Security-Policy"]) == POLICY


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", EMBED, f"/compare/{SLUG}.json", "/no/such/page/", "/static/css/site.css"]
)
def test_every_response_has_the_security_headers(client, starter, url):
    response = client.get(url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = [item.strip() for item in response["Permissions-Policy"].split(",")]
    for feature in SWITCHED_OFF:
        assert f"{feature}=()" in policy


def test_deploy_check_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "example.org",
        },
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNING" not in output and "security.W" not in output


@pytest.fixture
def prod(monkeypatch, settings):
    """This test's settings with config.settings.prod's HTTPS and cookie values, env defaults."""
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(50))
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver")
    for name in list(os.environ):
        if name.startswith("SECURE_"):
            monkeypatch.delenv(name)
    values = runpy.run_module("config.settings.prod")
    for name, value in values.items():
        if name.startswith(PROD_PREFIXES):
            setattr(settings, name, value)
    return settings


def test_production_defaults_are_strict(prod):
    assert prod.SECURE_SSL_REDIRECT
    assert prod.SECURE_HSTS_SECONDS >= 15768000  # six months, what check --deploy asks
    assert prod.SECURE_HSTS_INCLUDE_SUBDOMAINS
    assert prod.SESSION_COOKIE_SECURE and prod.SESSION_COOKIE_HTTPONLY
    assert prod.CSRF_COOKIE_SECURE


@pytest.mark.django_db
def test_production_redirects_http_to_https_and_sends_hsts(prod, starter):
    plain = Client().get("/compare/?x=1")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/compare/?x=1"

    response = Client().get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_production_trusts_the_proxy_https_header(prod, starter):
    response = Client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


@pytest.mark.django_db
def test_admin_login_over_https_sets_secure_cookies(prod, django_user_model):
    django_user_model.objects.create_superuser("editor", password="a-long-test-password")
    # A real browser's checks: CSRF enforced, and over HTTPS the Referer must be this site.
    client = Client(enforce_csrf_checks=True, HTTP_REFERER="https://testserver/admin/login/")

    form = client.get("/admin/login/", secure=True)
    assert form.status_code == 200
    csrf = form.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"

    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": "editor",
            "password": "a-long-test-password",
            "csrfmiddlewaretoken": csrf.value,
        },
        secure=True,
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert client.get("/admin/", secure=True).status_code == 200
