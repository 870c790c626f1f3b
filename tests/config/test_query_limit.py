"""More query parameters than Django parses (DATA_UPLOAD_MAX_NUMBER_FIELDS): a plain 400 at once."""

import time

import pytest
from django.conf import settings
from django.test import override_settings

pytestmark = pytest.mark.django_db

URLS = [
    "/",
    "/compare/outsourcing-vs-offshoring/",
    "/compare/outsourcing-vs-offshoring.json",
    "/embed/compare/outsourcing-vs-offshoring/",
    "/admin/login/",
    "/no-such-page/",
]


def too_many():
    return "&".join(f"p{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))


@pytest.mark.parametrize("debug", [True, False], ids=["debug", "no-debug"])
@pytest.mark.parametrize("url", URLS)
def test_too_many_parameters_answer_400_at_once(client, starter, url, debug):
    with override_settings(DEBUG=debug):
        started = time.monotonic()
        response = client.get(f"{url}?{too_many()}")
        elapsed = time.monotonic() - started
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == b"Too many query parameters.\n"
    assert elapsed < 2
    # Still a response of this site: its security headers are on it.
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_as_many_parameters_as_allowed_still_get_the_page(client, starter):
    allowed = "&".join(f"p{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS))
    assert client.get(f"/compare/outsourcing-vs-offshoring/?{allowed}").status_code == 200
