"""The search index follows every edit at once, and can be rebuilt whole."""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comparisons.models import Cell, Comparison, ComparisonStrategy, Dimension, Strategy
from content.models import Article
from editorial.models import SearchDocument
from editorial.search import index, receivers
from glossary.models import Term
from pages.search import search
from tests.admin_forms import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(starter):
    index.rebuild()


def hits(query):
    return search(query).hits


def titles(query):
    return [hit.title for hit in hits(query)]


def snapshot():
    return sorted(SearchDocument.objects.values_list("kind", "key", "fingerprint"))


def test_an_orm_save_reindexes_the_cell_and_its_pairs(indexed):
    cell = Cell.objects.get(strategy__slug="nearshoring", dimension__slug="risks")
    cell.text = "Quokkaplan risks: the neighbour's rules."
    cell.save()
    found = {(hit.kind, hit.title) for hit in hits("quokkaplan")}
    assert ("cell", "Nearshoring: Risks and drawbacks") in found
    assert ("pair", "Offshoring vs. nearshoring") in found
    assert ("pair", "Nearshoring vs. out-staffing") in found
    cell.text = "Nothing special."
    cell.save()
    assert hits("quokkaplan") == []


def test_an_admin_edit_shows_in_the_next_search(staff_client, client, indexed):
    term = Term.objects.get(slug="reshoring")
    url = f"/admin/glossary/term/{term.pk}/change/"
    data = submitted(staff_client.get(url))
    data["definition"] = "Bringing work home again: a wallaby move."
    assert staff_client.post(url, data).status_code == 302
    html = client.get("/search/", {"q": "wallaby"}).content.decode()
    assert 'href="/glossary/reshoring/"' in html and "<mark>wallaby</mark>" in html


def test_an_admin_delete_removes_the_article(staff_client, indexed):
    article = Article.objects.get(slug="when-to-outsource-or-offshore")
    assert article.title in titles("outsource offshore")
    response = staff_client.post(f"/admin/content/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert article.title not in titles("outsource offshore")


def test_a_deleted_cell_leaves_its_document_and_its_pairs(indexed):
    cell = Cell.objects.get(strategy__slug="reshoring", dimension__slug="examples")
    cell.text = "Numbatwork examples."
    cell.save()
    assert hits("numbatwork")
    cell.delete()
    assert hits("numbatwork") == []


def test_a_renamed_strategy_retitles_its_cells_and_pairs(indexed):
    strategy = Strategy.objects.get(slug="nearshoring")
    strategy.name = "Nearby offshoring"
    strategy.save()
    found = set(titles("nearby"))
    assert "Nearby offshoring: Risks and drawbacks" in found
    assert "Offshoring vs. nearby offshoring" in found
    assert not SearchDocument.objects.filter(title="Offshoring vs. nearshoring").exists()


def test_removing_a_column_removes_its_pairs(indexed):
    link = ComparisonStrategy.objects.get(
        comparison__slug="sourcing-models", strategy__slug="nearshoring"
    )
    link.delete()
    pairs = SearchDocument.objects.filter(kind="pair", url__contains="/sourcing-models/")
    assert pairs.count() == 15  # 6 columns left: 6 x 5 / 2
    assert not pairs.filter(url__contains="nearshoring").exists()
    # Nearshoring is in no other published comparison: its cells are gone too.
    assert not SearchDocument.objects.filter(kind="cell", title__startswith="Nearshoring:").exists()


def test_unpublishing_hides_cells_and_pairs_and_publishing_brings_them_back(indexed):
    before = snapshot()
    comparison = Comparison.objects.get(slug="sourcing-models")
    comparison.is_published = False
    comparison.save()
    assert not SearchDocument.objects.filter(url__startswith="/compare/sourcing-models/").exists()
    comparison.is_published = True
    comparison.save()
    assert snapshot() == before


def test_a_cell_moved_to_another_strategy_leaves_its_old_pairs(indexed):
    comparison = Comparison.objects.get(slug="sourcing-models")
    newcomer = Strategy.objects.create(name="Crowdsourcing", slug="crowdsourcing")
    ComparisonStrategy.objects.create(comparison=comparison, strategy=newcomer, order=99)
    cell = Cell.objects.get(strategy__slug="reshoring", dimension__slug="examples")
    cell.text = "Bilbyjobs of many kinds."
    cell.save()
    cell.strategy = newcomer
    cell.save()
    found = set(titles("bilbyjobs"))
    assert "Crowdsourcing: Typical work" in found and "Reshoring vs. crowdsourcing" in found
    # Only pages with the newcomer hold the text now: no reshoring cell, no pair without it.
    assert [title for title in found if "rowdsourcing" not in title] == []


def test_a_new_dimension_row_name_retitles_its_cells(indexed):
    dimension = Dimension.objects.get(slug="risks")
    dimension.name = "Pitfalls"
    dimension.save()
    assert "Offshoring: Pitfalls" in titles("offshoring pitfalls")


def test_a_rolled_back_edit_leaves_the_index_as_it_was(indexed):
    before = snapshot()
    with pytest.raises(RuntimeError), transaction.atomic():
        Strategy.objects.filter(slug="offshoring").get().delete()
        raise RuntimeError("changed my mind")
    assert snapshot() == before


def test_raw_saves_rebuild_the_index_once_committed(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        term = Term(name="Kiwiplan", slug="kiwiplan", short_definition="A plan.")
        term.definition, term.definition_html = "A plan.", "<p>A plan.</p>"
        term.updated_at = timezone.now()
        term.save_base(raw=True)
        assert titles("kiwiplan") == []  # not yet: other rows may still be loading
    assert titles("kiwiplan") == ["Kiwiplan"]


def test_a_glossary_edit_re_renders_everything_and_the_index_stays_whole(
    indexed, django_capture_on_commit_callbacks
):
    before = len(snapshot())
    with django_capture_on_commit_callbacks(execute=True):
        Term.objects.create(
            name="Kangaroo court", slug="kangaroo-court", short_definition="x", definition="x"
        )
    assert len(snapshot()) == before + 1
    assert titles("kangaroo") == ["Kangaroo court"]


def test_the_rebuild_command_restores_an_emptied_index(indexed):
    before = snapshot()
    SearchDocument.objects.all().delete()
    output = io.StringIO()
    call_command("rebuild_search_index", stdout=output)
    assert snapshot() == before
    assert f"Search index: {len(before)} documents" in output.getvalue()
    call_command("rebuild_search_index", "--clear", stdout=io.StringIO())
    assert snapshot() == before


def test_load_starter_ends_with_a_built_index(db):
    call_command("load_starter", stdout=io.StringIO())
    kinds = set(SearchDocument.objects.values_list("kind", flat=True))
    assert kinds == {"article", "term", "comparison", "cell", "pair"}
    assert titles("nearshoring")[0] == "Nearshoring"


def test_migrate_builds_an_empty_index_from_existing_content(indexed):
    before = snapshot()
    SearchDocument.objects.all().delete()
    receivers.migrated(sender=None)
    assert snapshot() == before


def test_a_fresh_database_has_a_usable_empty_index(client, db):
    assert SearchDocument.objects.count() == 0
    html = client.get("/search/", {"q": "offshoring"}).content.decode()
    assert "Nothing found for “offshoring”" in html


def index_writes(queries):
    """The statements that wrote search documents (deleted or inserted rows)."""
    table = SearchDocument._meta.db_table
    return [
        q["sql"]
        for q in queries
        if table in q["sql"] and q["sql"].lstrip().upper().startswith(("DELETE", "INSERT"))
    ]


def test_an_admin_delete_of_a_row_reindexes_once_for_all_its_cells(staff_client, indexed):
    """Deleting a dimension deletes its cells: each touches its strategy's pairs, and all of
    them are written in one go at the end of the delete, not once per cell."""
    dimension = Dimension.objects.get(slug="examples")
    cells = Cell.objects.filter(dimension=dimension)
    assert cells.count() > 3
    assert titles("numbatwork") == []
    cell = cells.get(strategy__slug="reshoring")
    cell.text = "Numbatwork examples."
    cell.save()
    assert hits("numbatwork")
    url = f"/admin/comparisons/dimension/{dimension.pk}/delete/"
    with CaptureQueriesContext(connection) as queries:
        assert staff_client.post(url, {"post": "yes"}).status_code == 302
    # At most a DELETE of the stale rows and an INSERT of the new ones per kind (cells, pairs).
    assert len(index_writes(queries)) <= 4
    assert hits("numbatwork") == []
    assert not SearchDocument.objects.filter(kind="cell", title__endswith=": Examples").exists()
    fresh = snapshot()
    index.rebuild()
    assert snapshot() == fresh  # what the delete left is what a rebuild makes


def test_deleting_rows_from_the_list_reindexes_once(staff_client, indexed):
    chosen = Dimension.objects.filter(slug__in=["examples", "risks"])
    data = {"action": "delete_selected", "post": "yes"}
    data["_selected_action"] = [str(pk) for pk in chosen.values_list("pk", flat=True)]
    with CaptureQueriesContext(connection) as queries:
        response = staff_client.post("/admin/comparisons/dimension/", data)
    assert response.status_code == 302
    assert len(index_writes(queries)) <= 4
    fresh = snapshot()
    index.rebuild()
    assert snapshot() == fresh


def test_a_failed_batch_reindexes_nothing_and_the_next_edit_is_indexed(indexed):
    before = snapshot()
    with pytest.raises(RuntimeError), transaction.atomic(), index.batched():
        Cell.objects.filter(dimension__slug="examples").first().delete()
        raise RuntimeError("the edit fails")
    assert snapshot() == before
    cell = Cell.objects.get(strategy__slug="nearshoring", dimension__slug="risks")
    cell.text = "Quokkaplan risks."
    cell.save()  # outside any batch: indexed at once
    assert hits("quokkaplan")
