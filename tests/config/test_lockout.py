"""Brute-force protection of the admin sign-in (django-axes): what an editor sees."""

import re
from datetime import timedelta

import pytest
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a-long-test-password"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        username="editor", password=PASSWORD, is_staff=True, is_superuser=True
    )


def sign_in(client, password, username="editor", address="127.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, times, **kwargs):
    return [sign_in(client, "wrong-password", **kwargs).status_code for _ in range(times)]


def test_settings_follow_the_documented_defaults():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_HTTP_RESPONSE_CODE == 429
    assert settings.AXES_RESET_ON_SUCCESS is True
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_the_right_password_signs_in(client, editor):
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_failed_attempts_lock_the_sign_in_even_with_the_right_password(client, editor):
    limit = settings.AXES_FAILURE_LIMIT
    # The attempts before the limit show the usual form error; the one that reaches it locks.
    assert fail(client, limit - 1) == [200] * (limit - 1)
    assert fail(client, 1) == [429]

    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many sign-in attempts" in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_after_the_cool_off(client, editor):
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, PASSWORD).status_code == 429

    # Move every recorded failure to just before the cool-off began.
    cool_off = get_cool_off()
    assert cool_off == timedelta(minutes=15)
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= cool_off + timedelta(seconds=1)
        attempt.save(update_fields=["attempt_time"])

    response = sign_in(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_a_lock_is_per_username_and_address(client, editor, django_user_model):
    django_user_model.objects.create_user("colleague", password=PASSWORD, is_staff=True)
    fail(client, settings.AXES_FAILURE_LIMIT)

    # A colleague at the same address, and the same editor from elsewhere, still sign in.
    assert sign_in(client, PASSWORD, username="colleague").status_code == 302
    client.logout()
    assert sign_in(client, PASSWORD, address="10.0.0.2").status_code == 302


def test_a_successful_sign_in_resets_the_count(client, editor):
    limit = settings.AXES_FAILURE_LIMIT
    fail(client, limit - 1)
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    assert fail(client, limit - 1) == [200] * (limit - 1)
    assert sign_in(client, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "username, password",
    [
        ("x" * 300, "wrong-password"),  # longer than axes' 255-character column
        ("x" * 100_000, "wrong-password"),
        ("edi\x00tor", PASSWORD),
        ("editor", "a-long\x00-test-password"),
        ("", ""),
    ],
    ids=["300-chars", "100k-chars", "nul-in-username", "nul-in-password", "empty"],
)
def test_hostile_sign_in_input_shows_the_form_again(client, editor, username, password):
    response = client.post(LOGIN, {"username": username, "password": password})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_long_username_is_still_counted_towards_the_lock(client, editor):
    limit = settings.AXES_FAILURE_LIMIT
    assert fail(client, limit, username="x" * 300)[-1] == 429
    assert AccessAttempt.objects.get().username == "x" * 255
