"""Editors at once: saves that race each other end in a conflict message, never a server error.

The threaded tests need real row locks, so they run on PostgreSQL only (CI runs the suite on
it); SQLite serialises writers and cannot deadlock.
"""

import threading

import pytest
from django.db import close_old_connections, connection, transaction
from django.db.models import F
from django.urls import reverse

from comparisons.models import Cell, Strategy
from content.models import Article
from editorial.signals import content_will_change
from editorial.versioning import EditConflict
from tests.admin_forms import submitted

SLUG = "outsourcing-vs-offshoring"


def another_editor_saves_first(model, pk):
    """While this save is under way (its form already checked), another editor's save of the
    same row commits, from another connection: two people pressing Save at the same moment."""

    def save_meanwhile(sender, **kwargs):
        content_will_change.disconnect(save_meanwhile)
        other = threading.Thread(target=bump_version, args=(model, pk))
        other.start()
        other.join(timeout=10)

    content_will_change.connect(save_meanwhile, weak=False)
    return save_meanwhile


def bump_version(model, pk):
    try:
        model.objects.filter(pk=pk).update(version=F("version") + 1)
    finally:
        connection.close()


def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("two connections writing at once need PostgreSQL")


@pytest.mark.django_db(transaction=True)
def test_a_save_that_loses_the_race_shows_the_conflict_with_the_text_kept(staff_client, starter):
    needs_postgresql()
    article = Article.objects.get(slug=SLUG)
    url = reverse("admin:content_article_change", args=[article.pk])
    data = submitted(staff_client.get(url))
    data["body"] = "My careful rewrite."
    handler = another_editor_saves_first(Article, article.pk)
    try:
        response = staff_client.post(url, data)
    finally:
        content_will_change.disconnect(handler)
    assert response.status_code == 200
    html = response.content.decode()
    assert "after you opened this page" in html
    assert "My careful rewrite." in html  # the editor's text is still in the form
    assert Article.objects.get(pk=article.pk).body != "My careful rewrite."


def run_in_thread(target, errors):
    def run():
        try:
            target()
        except Exception as error:  # any failure is the test's to see, not a thread's warning
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def save_fresh(obj, **changes):
    obj.refresh_from_db()
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_rows_in_opposite_orders_never_deadlock(starter):
    needs_postgresql()
    strategy = Strategy.objects.get(slug="offshoring")
    cell = Cell.objects.get(strategy=strategy, dimension__slug="risks")
    saved_before = cell.version
    first_saved, second_holds_cell = threading.Event(), threading.Event()
    errors = []

    def strategy_page_with_inline_cell():  # editor A: the strategy, then one of its cells
        with transaction.atomic():
            save_fresh(Strategy.objects.get(pk=strategy.pk), summary="Own team abroad.")
            first_saved.set()
            second_holds_cell.wait(timeout=2)  # B would take the cell's lock now, if it could
            save_fresh(Cell.objects.get(pk=cell.pk), text="A's risks.")

    def cell_page():  # editor B: the same cell on its own page
        first_saved.wait(timeout=5)
        with transaction.atomic():
            mine = Cell.objects.get(pk=cell.pk)
            mine.text = "B's risks."
            mine.save()
            second_holds_cell.set()

    threads = [
        run_in_thread(strategy_page_with_inline_cell, errors),
        run_in_thread(cell_page, errors),
    ]
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "an editor's save never ended"
    assert [e for e in errors if not isinstance(e, EditConflict)] == []
    assert Strategy.objects.get(pk=strategy.pk).summary == "Own team abroad."
    # A read the cell fresh and committed last, so A's text stands. B's save was either refused
    # as outdated (it read the cell before A's save: a conflict, not a crash) or committed
    # before A read it; either way it is accounted for, never silently lost or overwriting A's.
    after = Cell.objects.get(pk=cell.pk)
    assert after.text == "A's risks."
    refused = sum(isinstance(e, EditConflict) for e in errors)
    assert (refused, after.version) in [(1, saved_before + 1), (0, saved_before + 2)]


def as_a_browser_sends(data):
    """Textareas come back with CR LF line endings."""
    return {k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in data.items()}


@pytest.mark.django_db
def test_saving_a_strategy_page_changes_only_what_was_typed(staff_client, starter):
    strategy = Strategy.objects.get(slug="offshoring")
    Cell.objects.filter(strategy=strategy, dimension__slug="risks").update(text="Risks.  \n\n- a\n")
    cells = {c.pk: (c.version, c.history.count()) for c in strategy.cells.all()}
    url = reverse("admin:comparisons_strategy_change", args=[strategy.pk])
    data = as_a_browser_sends(submitted(staff_client.get(url)))
    data["summary"] = "A new summary."
    assert staff_client.post(url, data).status_code == 302
    assert Strategy.objects.get(pk=strategy.pk).summary == "A new summary."
    # Untouched cells (trailing spaces, CR LF from the browser) are not saved again.
    assert {c.pk: (c.version, c.history.count()) for c in strategy.cells.all()} == cells
    assert Cell.objects.get(strategy=strategy, dimension__slug="risks").text == "Risks.  \n\n- a\n"


@pytest.mark.django_db
def test_saving_an_unchanged_form_changes_nothing(staff_client, starter):
    article = Article.objects.get(slug=SLUG)
    url = reverse("admin:content_article_change", args=[article.pk])
    data = as_a_browser_sends(submitted(staff_client.get(url)))
    assert staff_client.post(url, data).status_code == 302
    after = Article.objects.get(pk=article.pk)
    assert (after.version, after.history.count()) == (article.version, article.history.count())
