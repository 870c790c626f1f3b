"""A glossary edit re-renders every linked page in bulk, and cached pages follow it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import Article
from glossary.models import Term
from pagecache import version

pytestmark = pytest.mark.django_db

ARTICLE = "/articles/outsourcing-vs-offshoring/"
TABLE = "/compare/outsourcing-vs-offshoring/"
TOOLTIP = "Work moved to a company office in another country."


def edit_offshoring_tooltip(django_capture_on_commit_callbacks):
    """Save the term as the admin does; return the re-render waiting for the commit."""
    term = Term.objects.get(slug="offshoring")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        term.short_definition = TOOLTIP
        term.save()
    assert len(callbacks) == 1
    return callbacks[0]


def test_a_page_cached_before_the_rerender_is_not_served_after_it(
    client, starter, django_capture_on_commit_callbacks
):
    rerender = edit_offshoring_tooltip(django_capture_on_commit_callbacks)
    # A reader asks between the term's save and the re-render: the old HTML gets cached.
    assert TOOLTIP not in client.get(ARTICLE).content.decode()
    assert TOOLTIP not in client.get(TABLE).content.decode()
    rerender()
    # The re-render changed the version, so the next reader gets the new tooltip at once.
    assert f'title="{TOOLTIP}"' in client.get(ARTICLE).content.decode()
    assert f'title="{TOOLTIP}"' in client.get(TABLE).content.decode()


def test_the_rerender_is_one_update_per_model_and_one_version_bump(
    starter, django_capture_on_commit_callbacks
):
    rerender = edit_offshoring_tooltip(django_capture_on_commit_callbacks)
    before = version.current()
    with CaptureQueriesContext(connection) as queries:
        rerender()
    updates = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
    tables = [re.match(r'UPDATE "?(\w+)"?', sql).group(1) for sql in updates]
    assert sorted(tables) == [
        "comparisons_cell",
        "comparisons_comparison",
        "content_article",
        "glossary_term",
        "pagecache_contentversion",
    ]
    assert version.current() == before + 1


def test_the_rerender_writes_only_html_no_revision_no_date(
    starter, django_capture_on_commit_callbacks
):
    article = Article.objects.get(slug="outsourcing-vs-offshoring")
    revisions = article.history.count()
    rerender = edit_offshoring_tooltip(django_capture_on_commit_callbacks)
    rerender()
    after = Article.objects.get(pk=article.pk)
    assert TOOLTIP in after.body_html
    assert (after.updated_at, after.version, after.body) == (
        article.updated_at,
        article.version,
        article.body,
    )
    assert after.history.count() == revisions
