"""The production settings' safety rules."""

from tests.config.manage import run_manage


def test_production_refuses_to_start_without_secret_key():
    result = run_manage(
        "check", env={"DJANGO_SETTINGS_MODULE": "config.settings.prod", "ALLOWED_HOSTS": "x"}
    )
    assert result.returncode != 0
    assert "You must set the SECRET_KEY environment variable" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage(
        "check",
        env={"DJANGO_SETTINGS_MODULE": "config.settings.prod", "SECRET_KEY": "k" * 60},
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_never_debugs_even_if_asked():
    result = run_manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "SECRET_KEY": "k" * 60,
            "ALLOWED_HOSTS": "example.org",
            "DEBUG": "true",
        },
    )
    assert result.stdout.strip() == "False", result.stderr
