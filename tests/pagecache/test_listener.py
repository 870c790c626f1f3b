"""On PostgreSQL, a process keeps the content version between announced changes.

These tests commit for real (a listener hears only committed bumps) and edit from another
thread with its own connection, as another worker process would. PostgreSQL only: SQLite has
no notifications, and reads the version on every request.
"""

import threading
import time
from unittest import mock

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from comparisons.models import Cell
from pagecache import listener as listening
from pagecache import version

pytestmark = pytest.mark.django_db(transaction=True)
PAGE = "/compare/outsourcing-vs-offshoring/"


@pytest.fixture(autouse=True)
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("notifications need PostgreSQL")


def elsewhere(work):
    """Run `work` in another thread, with its own connection: another worker's edit."""
    failed = []

    def run():
        try:
            work()
        except Exception as error:  # noqa: BLE001  (reported by the test below)
            failed.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    assert not failed, failed


def edit_cell(text):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="examples")
    cell.text = text
    cell.save()


def shown_within(client, text, seconds=1.0):
    """Whether the page shows `text` within `seconds` (the announcement travels from the
    database to this process: about 50 µs; a second is a generous bound, far below the
    TRUST_SECONDS after which the copy would be read again anyway)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in client.get(PAGE).text:
            return True
    return False


def test_a_hit_asks_the_database_nothing_while_nothing_changes(client, starter):
    assert client.get(PAGE).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE)
    assert response.status_code == 200
    assert len(queries) == 0


def test_an_edit_in_another_process_shows_at_once(client, starter):
    assert "Wombatwork" not in client.get(PAGE).text
    elsewhere(lambda: edit_cell("Wombatwork examples."))
    assert shown_within(client, "Wombatwork")
    elsewhere(lambda: edit_cell("Numbatwork examples."))
    assert shown_within(client, "Numbatwork")
    assert "Wombatwork" not in client.get(PAGE).text


def test_a_rolled_back_edit_announces_nothing(client, starter):
    before = version.current()

    def edit_then_fail():
        with pytest.raises(RuntimeError), transaction.atomic():
            edit_cell("Quollwork examples.")
            raise RuntimeError("the edit fails")

    elsewhere(edit_then_fail)
    with CaptureQueriesContext(connection) as queries:
        assert version.current() == before
    assert len(queries) == 0  # nothing announced: the kept number, no query
    assert "Quollwork" not in client.get(PAGE).text


def test_a_listener_cut_off_reads_the_database_again(client, starter):
    client.get(PAGE)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = %s",
            [f"LISTEN {listening.CHANNEL}"],
        )
        assert cursor.fetchone() is not None
    elsewhere(lambda: edit_cell("Dunnartwork examples."))  # heard by no one
    assert "Dunnartwork" in client.get(PAGE).text


def test_the_copy_is_read_again_after_trust_seconds(client, starter, monkeypatch):
    client.get(PAGE)
    monkeypatch.setattr(listening, "TRUST_SECONDS", 0.0)
    with CaptureQueriesContext(connection) as queries:
        client.get(PAGE)
    assert len(queries) == 1


def test_a_scheduled_article_appears_when_its_time_comes(client, starter, schedule_article):
    publish_at = schedule_article("Later and listened for")
    assert "Later and listened for" not in client.get("/articles/").text
    with mock.patch("django.utils.timezone.now", return_value=publish_at):
        assert "Later and listened for" in client.get("/articles/").text


def test_without_listening_every_request_reads_the_version(client, starter, settings):
    settings.PAGE_CACHE_LISTEN = False  # behind a pooler that does not pass LISTEN on
    client.get(PAGE)
    with CaptureQueriesContext(connection) as queries:
        client.get(PAGE)
    assert len(queries) == 1
    elsewhere(lambda: edit_cell("Bilbywork examples."))
    assert "Bilbywork" in client.get(PAGE).text
