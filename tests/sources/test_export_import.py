"""Backups keep sources, the cells and articles that cite them, in order, and review dates."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from comparisons.models import Cell, CellSource, Comparison
from comparisons.reviews import mark_reviewed
from content.models import ArticleSource
from tests.editorial.exporting import (
    assert_edited_export_is_refused,
    delete_all_content,
    export,
    snapshot,
)

pytestmark = pytest.mark.django_db


def citations():
    return (
        sorted(CellSource.objects.values_list("cell_id", "source__url", "order")),
        sorted(ArticleSource.objects.values_list("article_id", "source__url", "order")),
    )


def test_a_round_trip_keeps_sources_links_and_review_dates(starter, tmp_path, client, staff_client):
    mark_reviewed(Cell.objects.filter(dimension__slug="definition"), staff_client.user)
    mark_reviewed(Comparison.objects.filter(slug="outsourcing-vs-offshoring"), staff_client.user)
    before, links = snapshot(), citations()
    assert links[0] and links[1]
    page = client.get("/compare/outsourcing-vs-offshoring/").text
    path = export(tmp_path)

    delete_all_content()
    call_command("import_content", str(path), stdout=io.StringIO())

    assert snapshot() == before
    assert citations() == links
    reviewed = Cell.objects.filter(dimension__slug="definition").values_list(
        "reviewed_at", flat=True
    )
    assert set(reviewed) == {timezone.localdate()}
    # Who reviewed is not kept: users are not part of a backup (comparisons.reviews).
    assert not Cell.objects.exclude(reviewed_by=None).exists()
    assert client.get("/compare/outsourcing-vs-offshoring/").text == page


def test_an_import_refuses_a_source_that_is_not_a_web_address(starter, tmp_path):
    def script_url(objects):
        source = next(o for o in objects if o["model"] == "sources.source")
        source["fields"]["url"] = "javascript:alert(1)"

    assert_edited_export_is_refused(tmp_path, script_url, r"sources.source #\d+: url:")


def test_an_import_refuses_a_link_to_a_source_the_file_lacks(starter, tmp_path):
    def link_a_missing_source(objects):
        link = next(o for o in objects if o["model"] == "comparisons.cellsource")
        link["fields"]["source"] = 999

    match = "sources.source #999, which is not in the file"
    assert_edited_export_is_refused(tmp_path, link_a_missing_source, match)
