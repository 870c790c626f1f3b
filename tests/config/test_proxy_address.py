"""Whose address a failed sign-in counts against, with and without trusted reverse proxies
(TRUSTED_PROXY_COUNT): a forged X-Forwarded-For neither locks another client out nor escapes
a lock."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import override_settings

from config.settings.base import axes_client_address_settings
from tests.config.manage import run_manage

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a-long-test-password"
PROXY = "10.0.0.1"  # what REMOTE_ADDR says behind a reverse proxy
ATTACKER = "198.51.100.66"
VICTIM = "81.2.69.160"
ELSEWHERE = "2.125.160.216"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        username="editor", password=PASSWORD, is_staff=True, is_superuser=True
    )


def sign_in(client, password, remote_addr, forwarded=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    data = {"username": "editor", "password": password}
    return client.post(LOGIN, data, **extra).status_code


def lock(client, remote_addr, forwarded=None):
    statuses = [
        sign_in(client, "wrong-password", remote_addr, forwarded)
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[-1] == 429


@pytest.fixture
def one_proxy():
    with override_settings(**axes_client_address_settings(1)):
        yield


def test_no_proxy_is_trusted_by_default():
    assert settings.TRUSTED_PROXY_COUNT == 0
    assert settings.AXES_IPWARE_META_PRECEDENCE_ORDER == ("REMOTE_ADDR",)


def test_trusted_proxy_count_comes_from_the_environment():
    code = (
        "from django.conf import settings as s; "
        "print(s.TRUSTED_PROXY_COUNT, s.AXES_IPWARE_PROXY_COUNT, "
        "s.AXES_IPWARE_META_PRECEDENCE_ORDER[0], s.IPWARE_STRICT)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.test", "TRUSTED_PROXY_COUNT": "2"}
    result = run_manage("shell", "-v", "0", "-c", code, env=env)
    assert result.stdout.split() == ["2", "1", "HTTP_X_FORWARDED_FOR", "False"], result.stderr


def test_without_trusted_proxies_a_forged_header_cannot_lock_out_another_client(client, editor):
    lock(client, ATTACKER, forwarded=VICTIM)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    assert sign_in(client, PASSWORD, VICTIM) == 302


def test_without_trusted_proxies_a_forged_header_does_not_escape_a_lock(client, editor):
    lock(client, ATTACKER)
    for forwarded in (ELSEWHERE, f"{ELSEWHERE}, {VICTIM}", "unknown"):
        assert sign_in(client, PASSWORD, ATTACKER, forwarded) == 429


def test_behind_one_proxy_the_client_address_comes_from_the_header(client, editor, one_proxy):
    lock(client, PROXY, forwarded=ATTACKER)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    # Another client behind the same proxy is not locked out with the attacker.
    assert sign_in(client, PASSWORD, PROXY, forwarded=VICTIM) == 302


def test_behind_one_proxy_a_forged_left_entry_does_not_escape_a_lock(client, editor, one_proxy):
    lock(client, PROXY, forwarded=ATTACKER)
    # The proxy appends the address it saw to whatever the client sent.
    for forged in (
        ELSEWHERE,
        f"{ELSEWHERE}, {VICTIM}",
        "2001:db8::1",
        "unknown",
        '"',  # an unclosed quote must not swallow the entry the proxy added
        f'"{ELSEWHERE}',
        f"for={ELSEWHERE}",
        "[::1",
        "",
    ):
        assert sign_in(client, PASSWORD, PROXY, forwarded=f"{forged}, {ATTACKER}") == 429


def test_behind_one_proxy_a_forged_left_entry_cannot_lock_out_another_client(
    client, editor, one_proxy
):
    lock(client, PROXY, forwarded=f"{VICTIM}, {ATTACKER}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    assert sign_in(client, PASSWORD, PROXY, forwarded=VICTIM) == 302


def test_behind_two_proxies_the_client_is_the_second_entry_from_the_right(client, editor):
    cdn = "203.0.113.9"  # the outer proxy, as the inner one (REMOTE_ADDR's) writes it
    with override_settings(**axes_client_address_settings(2)):
        lock(client, PROXY, forwarded=f"{VICTIM}, {ATTACKER}, {cdn}")
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
        assert sign_in(client, PASSWORD, PROXY, forwarded=f"{ELSEWHERE}, {ATTACKER}, {cdn}") == 429
        assert sign_in(client, PASSWORD, PROXY, forwarded=f"{VICTIM}, {cdn}") == 302
