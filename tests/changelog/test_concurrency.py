"""Editors saving cells of one comparison at the same moment: every change is in the log, each
version number once, no deadlock. Real row locks: PostgreSQL only (CI runs it there)."""

import threading

import pytest
from django.db import close_old_connections, connection

from changelog.models import Version
from comparisons.models import Cell
from tests.editorial.test_concurrency import needs_postgresql

SLUG = "outsourcing-vs-offshoring"
CELLS = [("outsourcing", "definition"), ("offshoring", "definition"), ("offshoring", "risks")]


def save(strategy, dimension, errors, start):
    try:
        start.wait(timeout=10)
        cell = Cell.objects.get(strategy__slug=strategy, dimension__slug=dimension)
        cell.text = f"Rewritten at once: {strategy} × {dimension}."
        cell.save()  # autocommit: the change log records right after
    except Exception as error:  # noqa: BLE001 - any failure is the test's finding
        errors.append(error)
    finally:
        close_old_connections()
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_cells_saved_at_once_each_make_their_own_version(starter):
    needs_postgresql()
    errors, start = [], threading.Barrier(len(CELLS))
    threads = [
        threading.Thread(target=save, args=(strategy, dimension, errors, start))
        for strategy, dimension in CELLS
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    versions = Version.objects.filter(comparison__slug=SLUG).order_by("number")
    numbers = [v.number for v in versions]
    assert numbers == list(range(1, len(numbers) + 1))
    subjects = {e.subject for v in versions for e in v.entries.all()}
    assert {"Outsourcing × In one line", "Offshoring × In one line"} <= subjects
    assert "Offshoring × Risks and drawbacks" in subjects
    last = versions.last().data["cells"]
    texts = {(c["strategy"], c["dimension"]): c["text"] for c in last}
    for strategy, dimension in CELLS:
        assert texts[strategy, dimension] == f"Rewritten at once: {strategy} × {dimension}."
