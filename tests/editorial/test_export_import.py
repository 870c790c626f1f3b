"""Backups: export_content writes every piece of content, import_content restores it exactly."""

import io
import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from content.models import Article
from editorial import registry
from editorial.rendering import rerender_linked
from tests.editorial.exporting import delete_all_content, export, snapshot

pytestmark = pytest.mark.django_db


def test_every_model_of_the_content_apps_is_registered():
    # A model added to these apps without @content_model would miss backups, the page cache's
    # invalidation and the Editors group.
    found = {
        model
        for label in ("content", "comparisons", "glossary", "changelog", "sources")
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    }
    assert found == set(registry.models())
    assert registry.app_labels() == ["sources", "glossary", "comparisons", "changelog", "content"]


PAGES = [
    "/compare/outsourcing-vs-offshoring/",
    "/articles/outsourcing-vs-offshoring/",
    "/glossary/",
]


def test_export_then_import_restores_every_field_of_every_row(starter, tmp_path, client):
    # The starter as a real load_starter leaves it once committed: the glossary's on-commit
    # re-render (which a test's transaction never runs) links terms defined after a term in its
    # definition. import_content renders all HTML again with the whole glossary, as that does.
    rerender_linked(registry.models())
    before = snapshot()
    assert len({model for model, _pk in before}) == len(registry.models())
    pages = [client.get(url).content for url in PAGES]
    path = export(tmp_path)

    delete_all_content()
    assert snapshot() == {}
    out = io.StringIO()
    call_command("import_content", str(path), stdout=out)

    assert snapshot() == before
    assert [client.get(url).content for url in PAGES] == pages
    assert "Imported" in out.getvalue() and "articles" in out.getvalue()


def test_after_an_import_new_content_can_be_added(starter, tmp_path, client):
    path = export(tmp_path)
    delete_all_content()
    call_command("import_content", str(path), stdout=io.StringIO())

    # The ids of new rows come after the imported ones (PostgreSQL sequences were reset).
    article = Article.objects.create(
        title="After the restore", slug="after-the-restore", summary="New.", body="New."
    )
    assert article.pk > max(Article.objects.exclude(pk=article.pk).values_list("pk", flat=True))
    assert client.get("/compare/outsourcing-vs-offshoring/").status_code == 200


def test_export_writes_to_standard_output_without_output(starter, tmp_path):
    out = io.StringIO()
    call_command("export_content", stdout=out)
    data = json.loads(out.getvalue())
    # The same backup as written to a file: every object, every field.
    in_file = json.loads(export(tmp_path).read_text(encoding="utf-8"))
    assert data["objects"] == in_file["objects"]
    assert data["manifest"]["counts"] == in_file["manifest"]["counts"]
    assert len(data["objects"]) == len(snapshot())


def test_the_manifest_counts_every_model_the_export_wrote(starter, tmp_path):
    data = json.loads(export(tmp_path).read_text(encoding="utf-8"))
    counts = data["manifest"]["counts"]
    assert counts["content.article"] == Article.objects.count()
    assert sum(counts.values()) == len(data["objects"]) == len(snapshot())
    assert set(counts) == {model._meta.label_lower for model in registry.models()}
    assert data["manifest"]["exported"]


def test_import_refuses_a_database_that_has_content(starter, tmp_path):
    path = export(tmp_path)
    before = snapshot()
    with pytest.raises(CommandError, match="already has content"):
        call_command("import_content", str(path), stdout=io.StringIO())
    assert snapshot() == before


def test_import_refuses_what_is_not_content(db, tmp_path):
    path = tmp_path / "users.json"
    user = {"model": "auth.user", "pk": 1, "fields": {"username": "x"}}
    path.write_text(json.dumps({"manifest": {"counts": {}}, "objects": [user]}))
    with pytest.raises(CommandError, match="not content"):
        call_command("import_content", str(path), stdout=io.StringIO())
    assert not apps.get_model("auth.User").objects.exists()


@pytest.mark.parametrize("text", ["", "not json", '[{"model": "content.article"}]'])
def test_a_broken_file_imports_nothing(db, tmp_path, text):
    path = tmp_path / "broken.json"
    path.write_text(text)
    with pytest.raises(CommandError):
        call_command("import_content", str(path), stdout=io.StringIO())
    assert snapshot() == {}


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_content", str(tmp_path / "nope.json"), stdout=io.StringIO())
