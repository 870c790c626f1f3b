"""The starter content for tests, loaded for real once per run, then copied back row by row.

`manage.py load_starter` renders Markdown, links glossary terms and records a revision for
every row it saves (over a thousand queries); most tests only need its result. The first call
runs it and keeps every row of the content apps (`editorial.registry`), revisions included;
later calls insert those rows again with bulk_create (no signals), then bump the content
version so no cached page of another test can be served. Tests of the loader itself call the
command directly.
"""

import io

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import TestCase

from editorial import registry
from editorial.models import SearchDocument
from pagecache.version import bump

_rows = {}  # model -> list of field-value dicts, filled by the first load


def _models():
    # The search index too: its rows are derived from the content, and the database keeps its
    # own index of them in step (a trigger on SQLite, a generated column on PostgreSQL).
    return [
        model
        for app in registry.app_labels()
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    ] + [SearchDocument]


def load_starter():
    if not _rows:
        # A test's transaction never commits: run what waits for the commit (the first version
        # of each comparison's change log) as a real load would.
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_starter", stdout=io.StringIO())
        for model in _models():
            _rows[model] = list(model._base_manager.values(*_columns(model)))
        return
    # Foreign keys are checked when the transaction commits, so the order of models is free.
    with transaction.atomic():
        for model, rows in _rows.items():
            model._base_manager.bulk_create([model(**row) for row in rows])
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(_rows)):
                cursor.execute(sql)
        bump()


def _columns(model):
    return [field.attname for field in model._meta.concrete_fields]
