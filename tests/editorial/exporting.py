"""Export and import in tests: what the content tables hold, an empty database, an export file,
and a hand-edited export that must be refused. Used by the export, import, change log and
sources tests."""

import io
import json

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection

from editorial import registry


def snapshot():
    """Every row of every content model, all fields and many-to-many links, by model and id."""
    rows = {}
    for model in registry.models():
        for row in serializers.serialize("python", model._base_manager.order_by("pk")):
            rows[(row["model"], row["pk"])] = row["fields"]
    return rows


def delete_all_content():
    """Leave the content tables as a new database has them: empty, ids starting again at 1."""
    models = registry.models()
    for model in reversed(models):
        model._base_manager.all().delete()
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def export(tmp_path):
    path = tmp_path / "content.json"
    call_command("export_content", output=str(path), stderr=io.StringIO())
    return path


def assert_edited_export_is_refused(tmp_path, edit, match):
    """Export the content, `edit(objects)` in the file by hand, empty the database, import the
    file: it is refused with a message matching `match`, and nothing is imported."""
    data = json.loads(export(tmp_path).read_text(encoding="utf-8"))
    edit(data["objects"])
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    delete_all_content()
    with pytest.raises(CommandError, match=match):
        call_command("import_content", str(path), stdout=io.StringIO())
    assert snapshot() == {}
