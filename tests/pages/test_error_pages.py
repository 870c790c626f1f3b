"""The 400, 403, 404 and 500 pages: friendly, the right status, one <h1>, under the site's CSP.

This module is also the URLconf of its tests: the site's URLs plus views that fail on purpose.
"""

import re

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client, RequestFactory
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns
from pages import views


def fail_with(exception):
    def view(request):
        raise exception

    return view


urlpatterns = [
    path("test/bad/", fail_with(SuspiciousOperation("tampered"))),
    path("test/denied/", fail_with(PermissionDenied)),
    path("test/boom/", fail_with(RuntimeError("boom"))),
    *site_urlpatterns,
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def assert_error_page(response, status, heading):
    html = response.content.decode()
    assert response.status_code == status
    assert re.findall(r"<h1[\s>].*?</h1>", html) == [f"<h1>{heading}</h1>"]
    assert '<html lang="en"' in html and '<main id="main"' in html
    assert 'href="/"' in html
    assert "'none'" in response["Content-Security-Policy"]


@pytest.fixture
def client():
    # Errors answer as they would in production instead of being raised into the test.
    return Client(raise_request_exception=False)


def test_suspicious_request_gets_the_400_page(client):
    response = client.get("/test/bad/")
    assert_error_page(response, 400, "Bad request")
    assert 'class="site-header"' in response.content.decode()  # it extends base.html


def test_request_for_an_unknown_host_gets_the_400_page_not_a_500(client):
    # The page must render without asking the request for its (refused) host.
    response = client.get("/", headers={"Host": "attacker.example"})
    assert_error_page(response, 400, "Bad request")
    assert response["X-Frame-Options"] == "DENY"


def test_permission_denied_gets_the_403_page(client):
    response = client.get("/test/denied/")
    assert_error_page(response, 403, "Access denied")
    assert "permission" in response.content.decode()


def test_form_without_csrf_token_gets_the_403_page_explaining_why(client):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert_error_page(response, 403, "Access denied")
    assert "reload the page" in response.content.decode()


def test_unknown_address_gets_the_404_page(client):
    assert_error_page(client.get("/no/such/page/"), 404, "Page not found")


def test_unhandled_error_gets_the_500_page(client):
    assert_error_page(client.get("/test/boom/"), 500, "Something went wrong")


def test_500_page_renders_without_the_database(django_assert_num_queries):
    # The error may be the database itself: the page must not query it.
    with django_assert_num_queries(0):
        response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.content.decode()


def test_error_pages_are_not_indexed(client):
    for url in ("/test/bad/", "/test/denied/", "/no/such/page/"):
        assert '<meta name="robots" content="noindex">' in client.get(url).content.decode()
