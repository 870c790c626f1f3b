"""Every published change to what readers see makes one version with its entries; nothing
else makes one. Saves commit in a real site, so the callbacks waiting for the commit run here
too (`committed`)."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from changelog.models import ChangeEntry, Kind, Version
from changelog.recorder import record
from comparisons.cell_sources import CellSource
from comparisons.models import (
    Cell,
    Comparison,
    ComparisonDimension,
    ComparisonStrategy,
    Dimension,
    Option,
    Strategy,
)
from editorial import changenotes
from glossary.models import Term
from sources.models import Source
from tests.admin_forms import submitted
from tests.editorial.exporting import delete_all_content, export

pytestmark = pytest.mark.django_db

MAIN = "outsourcing-vs-offshoring"
MODELS = "sourcing-models"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit, as each request or save of a real site would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def latest(slug):
    return Version.objects.filter(comparison__slug=slug).order_by("-number").first()


def kinds(version):
    return [(e.kind, e.subject) for e in version.entries.all()]


def cell(strategy, dimension):
    return Cell.objects.get(strategy__slug=strategy, dimension__slug=dimension)


def test_the_starter_comparisons_start_at_version_one(starter, client):
    for slug in (MAIN, MODELS):
        version = latest(slug)
        assert version.number == 1
        assert kinds(version) == [(Kind.PUBLISHED, Comparison.objects.get(slug=slug).title)]
        data = client.get(f"/compare/{slug}.json").json()["comparison"]
        assert data["version"] == 1 and data["updated"].startswith(str(version.created_at.year))


def test_a_cell_edit_makes_a_version_of_every_comparison_showing_it(starter, committed):
    offshoring = cell("offshoring", "definition")
    with committed():
        offshoring.text += " It is a choice about place."
        offshoring.save()
    for slug in (MAIN, MODELS):
        version = latest(slug)
        assert version.number == 2
        assert kinds(version) == [(Kind.CELL_TEXT, "Offshoring × In one line")]
        entry = version.entries.get()
        assert entry.after.endswith("It is a choice about place.")
        assert not entry.before.endswith("It is a choice about place.")
        assert Comparison.objects.get(slug=slug).public_version == 2


def test_a_version_keeps_what_readers_saw_then(starter, committed, client):
    offshoring = cell("offshoring", "definition")
    before = offshoring.text
    with committed():
        offshoring.text = "Rewritten."
        offshoring.save()
    first, second = Version.objects.filter(comparison__slug=MAIN).order_by("number")
    texts = {
        version.number: next(
            c["text"]
            for c in version.data["cells"]
            if (c["strategy"], c["dimension"]) == ("offshoring", "definition")
        )
        for version in (first, second)
    }
    assert texts == {1: before, 2: "Rewritten."}
    live = client.get(f"/compare/{MAIN}.json").json()
    assert second.data["cells"] == live["cells"]
    assert second.data["comparison"]["version"] == 2


@pytest.mark.parametrize("change", ["spacing", "glossary", "a-save-of-nothing"])
def test_changes_readers_cannot_see_make_no_version(starter, committed, change):
    offshoring = cell("offshoring", "definition")
    with committed():
        if change == "spacing":
            offshoring.text = "  " + offshoring.text.replace(" ", "  ") + "\n\n"
            offshoring.save()
        elif change == "glossary":
            term = Term.objects.get(slug="offshoring")
            term.definition += " Also called moving work abroad."
            term.save()
        else:
            offshoring.save()
    assert Version.objects.filter(number__gt=1).count() == 0


def test_options_changes_are_named_by_their_labels(starter, committed):
    target = cell("outsourcing", "location")
    with committed():
        target.options.remove(Option.objects.get(dimension__slug="location", slug="abroad"))
    entry = latest(MAIN).entries.get()
    assert (entry.kind, entry.before, entry.after) == (
        Kind.CELL_OPTIONS,
        "Home country, Abroad",
        "Home country",
    )


def test_columns_and_rows_added_removed_renamed_and_moved(starter, committed):
    comparison = Comparison.objects.get(slug=MAIN)
    with committed():
        ComparisonStrategy.objects.create(
            comparison=comparison, strategy=Strategy.objects.get(slug="nearshoring"), order=9
        )
    assert kinds(latest(MAIN)) == [(Kind.STRATEGY_ADDED, "Strategy “Nearshoring”")]

    with committed():
        strategy = Strategy.objects.get(slug="nearshoring")
        strategy.name = "Near-shoring"
        strategy.save()
    assert [k for k, _ in kinds(latest(MAIN))] == [Kind.STRATEGY_RENAMED]
    assert [k for k, _ in kinds(latest(MODELS))] == [Kind.STRATEGY_RENAMED]

    with committed():
        link = ComparisonDimension.objects.filter(comparison=comparison).order_by("order").first()
        link.order = 99
        link.save()
    assert [k for k, _ in kinds(latest(MAIN))] == [Kind.DIMENSIONS_REORDERED]

    with committed():
        Dimension.objects.get(slug="risks").delete()
    assert (Kind.DIMENSION_REMOVED, "Row “Risks and drawbacks”") in kinds(latest(MAIN))


def test_a_changed_option_label_is_a_change_of_the_row(starter, committed):
    with committed():
        option = Option.objects.get(dimension__slug="location", slug="abroad")
        option.label = "Another country"
        option.save()
    entry = latest(MAIN).entries.get()
    assert entry.kind == Kind.OPTIONS_CHANGED
    assert (entry.before, entry.after) == ("Home country, Abroad", "Home country, Another country")


def test_drafts_have_no_versions_until_published(starter, committed):
    comparison = Comparison.objects.get(slug=MAIN)
    with committed():
        comparison.is_published = False
        comparison.save()
        target = cell("offshoring", "definition")
        target.text = "Changed while a draft."
        target.save()
    assert latest(MAIN).number == 1
    with committed():
        comparison.refresh_from_db()
        comparison.is_published = True
        comparison.save()
    assert latest(MAIN).number == 2
    assert kinds(latest(MAIN)) == [(Kind.CELL_TEXT, "Offshoring × In one line")]


def test_recording_twice_records_once(starter):
    assert record(Comparison.objects.get(slug=MAIN).pk) is None


def test_one_admin_save_of_a_strategy_and_its_cells_is_one_version(
    staff_client, starter, committed
):
    strategy = Strategy.objects.get(slug="offshoring")
    url = reverse("admin:comparisons_strategy_change", args=[strategy.pk])
    data = submitted(staff_client.get(url))
    texts = [name for name in data if name.startswith("cells-") and name.endswith("-text")]
    for name in texts[:2]:
        data[name] += " Edited in one save."
    data["change_note"] = "Two rows made clearer."
    with committed():
        response = staff_client.post(url, data)
    assert response.status_code == 302
    version = latest(MAIN)
    assert version.number == 2
    assert version.note == "Two rows made clearer."
    assert version.editor == staff_client.user
    # One version per comparison, however many rows the save wrote; in the seven-column
    # comparison (which has every row) both edited cells.
    assert Version.objects.filter(number__gt=2).count() == 0
    assert len(kinds(latest(MODELS))) == 2
    assert {e.kind for e in ChangeEntry.objects.filter(version__number=2)} == {Kind.CELL_TEXT}


@pytest.mark.parametrize(
    ("note", "problem"),
    [("x" * 501, "at most 500"), ("Null \x00 byte", "Null characters are not allowed")],
)
def test_a_hostile_note_is_refused_by_the_form(staff_client, starter, committed, note, problem):
    target = cell("offshoring", "definition")
    url = reverse("admin:comparisons_cell_change", args=[target.pk])
    data = submitted(staff_client.get(url)) | {"text": "New text.", "change_note": note}
    with committed():
        response = staff_client.post(url, data)
    assert response.status_code == 200
    assert problem in response.content.decode()
    assert latest(MAIN).number == 1


def test_an_editor_of_the_editors_group_sees_the_reason_field(client, django_user_model, starter):
    user = django_user_model.objects.create_user(
        username="writer", password="a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    target = cell("offshoring", "definition")
    page = client.get(reverse("admin:comparisons_cell_change", args=[target.pk]))
    assert "Reason for this change" in page.content.decode()


def test_an_import_restores_versions_without_recording_new_ones(starter, tmp_path):
    path = export(tmp_path)
    before = list(Version.objects.values_list("comparison__slug", "number"))
    delete_all_content()
    call_command("import_content", str(path), stdout=io.StringIO())
    assert list(Version.objects.values_list("comparison__slug", "number")) == before
    assert Comparison.objects.get(slug=MAIN).public_version == 1


def test_a_source_cited_or_renamed_is_a_change_of_the_cells_citing_it(starter, committed):
    target = cell("offshoring", "risks")
    with committed():
        source = Source.objects.create(
            title="A report", url="https://example.org/report", publisher="Example"
        )
        CellSource.objects.create(cell=target, source=source, order=1)
    entry = latest(MAIN).entries.get()
    assert (entry.kind, entry.subject, entry.after) == (
        Kind.CELL_SOURCES,
        "Offshoring × Risks and drawbacks",
        "A report",
    )
    with committed():
        source.title = "A report, second edition"
        source.save()
    assert latest(MAIN).entries.get().after == "A report, second edition"


def test_a_save_that_rolled_back_leaves_its_note_to_no_later_save(
    starter, committed, django_user_model
):
    """An admin save that fails after writing (a conflict, an error) rolls back; its note and
    editor must not be pinned on the next change, made by somebody else or by no one."""
    editor = django_user_model.objects.create_user("first-editor")
    with pytest.raises(RuntimeError), transaction.atomic(), changenotes.noting("Lost.", editor):
        edited = cell("offshoring", "risks")
        edited.text += " Never committed."
        edited.save()
        raise RuntimeError("the save failed after writing")

    edited = cell("offshoring", "drivers")
    edited.text += " Committed without a note."
    with committed():
        edited.save()
    version = latest(MAIN)
    assert version.number == 2
    assert (version.note, version.editor) == ("", None)
    assert kinds(version) == [(Kind.CELL_TEXT, "Offshoring × Typical drivers")]
