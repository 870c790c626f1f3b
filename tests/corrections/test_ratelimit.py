"""Posts are limited per client address (5 per 10 minutes), read as the sign-in lockout reads it
(editorial.client_address, TRUSTED_PROXY_COUNT): a forged X-Forwarded-For neither escapes the limit
nor spends another client's. The counts live in the default cache (Redis in production, shared
by every worker); each test starts with it empty (tests/conftest.py)."""

import pytest
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from config.settings.base import axes_client_address_settings
from corrections.models import Suggestion
from corrections.views import rate_key
from tests.corrections.common import URL, suggestion_data

pytestmark = pytest.mark.django_db

LIMIT = 5
PROXY = "10.0.0.1"
READER = "198.51.100.7"
OTHER = "81.2.69.160"


def post(client, remote_addr, forwarded=None, **fields):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(URL, suggestion_data(**fields), **extra).status_code


def use_up(client, remote_addr, forwarded=None):
    assert [post(client, remote_addr, forwarded) for _ in range(LIMIT)] == [303] * LIMIT


@pytest.fixture
def one_proxy():
    with override_settings(TRUSTED_PROXY_COUNT=1, **axes_client_address_settings(1)):
        yield


def test_the_sixth_post_within_ten_minutes_gets_a_clear_429(client, starter):
    use_up(client, READER)
    response = client.post(URL, suggestion_data(), REMOTE_ADDR=READER)
    assert response.status_code == 429
    assert "Too many suggestions at once" in response.content.decode()
    assert response["Retry-After"] == "600"
    assert Suggestion.objects.count() == LIMIT
    # Reading the form is never limited.
    assert client.get(URL, REMOTE_ADDR=READER).status_code == 200


def test_honeypot_posts_count_too(client, starter):
    for _ in range(LIMIT):
        assert post(client, READER, website="spam") == 303
    assert post(client, READER) == 429


def test_another_client_is_not_limited(client, starter):
    use_up(client, READER)
    assert post(client, OTHER) == 303


def test_the_counts_live_in_the_default_cache(client, starter):
    assert settings.RATELIMIT_USE_CACHE == "default"
    use_up(client, READER)
    cache.clear()  # what a new test starts with
    assert post(client, READER) == 303


def test_without_trusted_proxies_a_forged_header_changes_nothing(client, starter):
    use_up(client, READER, forwarded=OTHER)
    for forwarded in (OTHER, f"{OTHER}, 203.0.113.9", "unknown"):
        assert post(client, READER, forwarded) == 429
    # The forged address was not charged.
    assert post(client, OTHER) == 303


def test_behind_one_proxy_each_client_has_its_own_limit(client, starter, one_proxy):
    use_up(client, PROXY, forwarded=READER)
    assert post(client, PROXY, forwarded=READER) == 429
    # Another reader behind the same proxy is not limited.
    assert post(client, PROXY, forwarded=OTHER) == 303


def test_behind_one_proxy_forged_entries_neither_escape_nor_charge_others(
    client, starter, one_proxy
):
    # The proxy appends the reader's real address; what the reader wrote stays on the left.
    use_up(client, PROXY, forwarded=f"{OTHER}, {READER}")
    for forged in ("203.0.113.9", OTHER, "unknown"):
        assert post(client, PROXY, forwarded=f"{forged}, {READER}") == 429
    assert post(client, PROXY, forwarded=OTHER) == 303


@pytest.mark.parametrize("proxies", [0, 1, 2])
def test_the_limit_counts_the_address_the_sign_in_lockout_counts(proxies):
    request = RequestFactory().post(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{OTHER}, {READER}, 10.0.0.2"
    )
    with override_settings(**axes_client_address_settings(proxies)):
        # Axes reads it through the shared function (AXES_CLIENT_IP_CALLABLE)...
        assert rate_key("group", request) == get_client_ip_address(request)
        # ...which answers what axes' own django-ipware lookup would.
        with override_settings(AXES_CLIENT_IP_CALLABLE=None):
            own = get_client_ip_address(request, use_ipware=True)
        assert rate_key("group", request) == own == [PROXY, "10.0.0.2", READER][proxies]


def test_an_ipv6_client_is_counted_by_its_64_bit_prefix(client, starter):
    use_up(client, "2001:db8:1:2::1")
    assert post(client, "2001:db8:1:2:ffff::9") == 429
    assert post(client, "2001:db8:1:3::1") == 303
