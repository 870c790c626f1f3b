"""Review dates: editors mark cells and comparisons reviewed, one at a time from the edit page
or many at once from the list; readers see when. A review is not an edit: no new version of
the row, no revision, no model signal (so nothing for a change log), yet pages show it at once.
"""

import datetime

import pytest
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from comparisons.models import Cell, Comparison, Option
from pagecache import version
from pages.sitemaps import ComparisonSitemap
from sources.models import Source
from tests.admin_forms import submitted

pytestmark = pytest.mark.django_db

MAIN = "/compare/outsourcing-vs-offshoring/"


def today():
    return date_format(timezone.localdate(), "j F Y")


@pytest.fixture
def comparison(starter):
    return Comparison.objects.get(slug="outsourcing-vs-offshoring")


def cells_list_url(client, comparison):
    """The address behind “Edit the cells of this comparison” on the comparison's admin page."""
    page = client.get(reverse("admin:comparisons_comparison_change", args=[comparison.pk]))
    prefix = reverse("admin:comparisons_cell_changelist")
    start = page.text.index(f'<a href="{prefix}?') + len('<a href="')
    return page.text[start : page.text.index('"', start)]


def run_action(client, url, action, rows):
    data = {"action": action, "_selected_action": [str(row.pk) for row in rows], "index": "0"}
    return client.post(url, data)


class Signals:
    """Every post_save sent while it is connected."""

    def __init__(self):
        self.sent = []

    def __call__(self, sender, **kwargs):
        self.sent.append(sender)


@pytest.fixture
def saves():
    receiver = Signals()
    post_save.connect(receiver, weak=False, dispatch_uid="test-reviews")
    yield receiver.sent
    post_save.disconnect(dispatch_uid="test-reviews")


def test_the_cells_of_a_comparison_are_marked_reviewed_in_one_click(
    editor_client, comparison, saves
):
    url = cells_list_url(editor_client, comparison)
    listing = editor_client.get(url)
    assert listing.status_code == 200
    assert (
        '<option value="mark_selected_reviewed">Mark selected cells as reviewed today</option>'
        in listing.text
    )
    chosen = list(
        Cell.objects.filter(
            strategy__comparisons=comparison, dimension__slug__in=["risks", "benefits"]
        )
    )
    before = {cell.pk: (cell.version, cell.history.count()) for cell in chosen}
    content_version = version.current()

    response = run_action(editor_client, url, "mark_selected_reviewed", chosen)
    assert response.status_code == 302
    assert response["Location"].endswith(url.split("/admin/comparisons/cell/")[1])
    assert f"Marked {len(chosen)} cells as reviewed today." in editor_client.get(url).text
    for cell in Cell.objects.filter(pk__in=before):
        assert cell.reviewed_at == timezone.localdate()
        assert cell.reviewed_by == editor_client.user
        assert (cell.version, cell.history.count()) == before[cell.pk]  # not an edit
    assert not Cell.objects.exclude(pk__in=before).exclude(reviewed_at=None).exists()
    assert saves == []  # no model signal: no change log entry, no re-render
    assert version.current() != content_version  # but cached pages are stale

    cells = editor_client.get("/compare/outsourcing-vs-offshoring.json").json()["cells"]
    reviewed = {c["dimension"] for c in cells if c["reviewed"] == timezone.localdate().isoformat()}
    assert reviewed == {"risks", "benefits"}


def test_readers_without_the_change_permission_get_no_review_action(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="x-long-pass", is_staff=True)
    viewer.user_permissions.add(*viewer.user_permissions.model.objects.filter(codename="view_cell"))
    client.force_login(viewer)
    listing = client.get(reverse("admin:comparisons_cell_changelist"))
    assert listing.status_code == 200
    assert "mark_selected_reviewed" not in listing.text


def test_the_checkbox_marks_a_cell_reviewed_without_saving_it(editor_client, starter, saves):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks")
    change = reverse("admin:comparisons_cell_change", args=[cell.pk])
    page = editor_client.get(change)
    assert "Mark as reviewed today" in page.text
    response = editor_client.post(change, submitted(page) | {"mark_reviewed": "on"})
    assert response.status_code == 302
    reviewed = Cell.objects.get(pk=cell.pk)
    assert reviewed.reviewed_at == timezone.localdate()
    assert reviewed.reviewed_by == editor_client.user
    assert (reviewed.version, reviewed.history.count()) == (cell.version, cell.history.count())
    assert Cell not in saves
    page = editor_client.get(change)
    shown = date_format(timezone.localdate(), "DATE_FORMAT")
    assert "Last reviewed" in page.text and shown in page.text


def test_the_checkbox_with_an_edit_saves_both(editor_client, starter):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks")
    change = reverse("admin:comparisons_cell_change", args=[cell.pk])
    data = submitted(editor_client.get(change)) | {"text": "Checked.", "mark_reviewed": "on"}
    assert editor_client.post(change, data).status_code == 302
    saved = Cell.objects.get(pk=cell.pk)
    assert saved.text == "Checked." and saved.version == cell.version + 1
    assert saved.reviewed_at == timezone.localdate()
    assert saved.history.first().text == "Checked."


def test_a_review_does_not_make_open_forms_outdated(editor_client, second_editor, starter):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks")
    change = reverse("admin:comparisons_cell_change", args=[cell.pk])
    opened = submitted(second_editor.get(change))
    run_action(
        editor_client,
        reverse("admin:comparisons_cell_changelist"),
        "mark_selected_reviewed",
        [cell],
    )
    response = second_editor.post(change, opened | {"text": "Edited after the review."})
    assert response.status_code == 302
    saved = Cell.objects.get(pk=cell.pk)
    assert saved.text == "Edited after the review."
    assert saved.reviewed_by == editor_client.user  # the save kept the review


def test_an_outdated_form_is_still_refused_and_marks_nothing(editor_client, second_editor, starter):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks")
    change = reverse("admin:comparisons_cell_change", args=[cell.pk])
    stale = submitted(second_editor.get(change))
    first = submitted(editor_client.get(change)) | {"text": "First."}
    assert editor_client.post(change, first).status_code == 302
    response = second_editor.post(change, stale | {"text": "Second.", "mark_reviewed": "on"})
    assert response.status_code == 200
    assert "after you opened this page" in response.text
    assert Cell.objects.get(pk=cell.pk).reviewed_at is None


def test_a_comparison_is_marked_reviewed_and_readers_see_when(editor_client, comparison, client):
    assert "Not yet reviewed" in client.get(MAIN).text  # cached from here on
    listing = reverse("admin:comparisons_comparison_changelist")
    assert "Mark selected comparisons as reviewed today" in editor_client.get(listing).text
    response = run_action(editor_client, listing, "mark_selected_reviewed", [comparison])
    assert response.status_code == 302
    html = client.get(MAIN).text
    iso = timezone.localdate().isoformat()
    assert f'Last reviewed <time datetime="{iso}">{today()}</time>' in html
    data = client.get("/compare/outsourcing-vs-offshoring.json").json()
    assert data["comparison"]["reviewed"] == iso
    page = client.get(MAIN).text
    assert f'"lastReviewed": "{iso}"' in page
    other = Comparison.objects.get(slug="sourcing-models")
    assert other.reviewed_at is None


def test_the_comparison_checkbox_marks_it_reviewed(editor_client, comparison):
    change = reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    page = editor_client.get(change)
    response = editor_client.post(change, submitted(page) | {"mark_reviewed": "on"})
    assert response.status_code == 302
    reviewed = Comparison.objects.get(pk=comparison.pk)
    assert reviewed.reviewed_at == timezone.localdate()
    assert reviewed.version == comparison.version


def test_the_page_says_when_the_comparison_last_changed(client, comparison):
    _everything_old(comparison)
    edited = datetime.datetime(2021, 6, 1, 12, 0, tzinfo=datetime.UTC)
    changed = Cell.objects.filter(
        strategy__comparisons=comparison, dimension__comparisons=comparison
    ).first()
    Cell.objects.filter(pk=changed.pk).update(updated_at=edited)
    version.bump()
    html = client.get(MAIN).text
    assert f'Last changed <time datetime="{edited.isoformat()}">1 June 2021</time>' in html
    # The sitemap follows the same rule (comparisons.last_changed).
    sitemap = ComparisonSitemap()
    lastmods = {item.slug: sitemap.lastmod(item) for item in sitemap.items()}
    assert lastmods[comparison.slug] == edited


def test_a_corrected_source_moves_last_changed(client, comparison):
    """The page lists the sources its cells cite: correcting one changes the page."""
    old = _everything_old(comparison)
    cell = Cell.objects.filter(
        strategy__comparisons=comparison, dimension__comparisons=comparison
    ).first()
    source = Source.objects.create(title="A report", url="https://example.org/report")
    cell.sources.add(source)
    Cell.objects.update(updated_at=old)
    corrected = datetime.datetime(2022, 3, 4, 9, 0, tzinfo=datetime.UTC)
    Source.objects.filter(pk=source.pk).update(updated_at=corrected)
    version.bump()
    html = client.get(MAIN).text
    assert f'Last changed <time datetime="{corrected.isoformat()}">4 March 2022</time>' in html
    sitemap = ComparisonSitemap()
    assert {i.slug: sitemap.lastmod(i) for i in sitemap.items()}[comparison.slug] == corrected


def _everything_old(comparison):
    old = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    for model in (Comparison, Cell, Source, Option, comparison.strategies.model):
        model.objects.update(updated_at=old)
    comparison.dimensions.model.objects.update(updated_at=old)
    return old


@pytest.mark.parametrize("what", ["comparison", "strategy", "dimension", "option"])
def test_the_comparison_its_columns_and_rows_move_last_changed(client, comparison, what):
    _everything_old(comparison)
    edited = datetime.datetime(2023, 2, 3, 4, 5, tzinfo=datetime.UTC)
    changed = {
        "comparison": Comparison.objects.filter(pk=comparison.pk),
        "strategy": comparison.strategies.all()[1:2],
        "dimension": comparison.dimensions.all()[2:3],
        "option": Option.objects.filter(dimension__comparisons=comparison)[:1],
    }[what]
    type(changed.first()).objects.filter(pk=changed.first().pk).update(updated_at=edited)
    version.bump()
    html = client.get(MAIN).text
    assert f'Last changed <time datetime="{edited.isoformat()}">3 February 2023</time>' in html
    sitemap = ComparisonSitemap()
    assert {i.slug: sitemap.lastmod(i) for i in sitemap.items()}[comparison.slug] == edited


def test_what_another_table_shows_does_not_move_last_changed(client, comparison):
    _everything_old(comparison)
    shown = Cell.objects.filter(strategy__comparisons=comparison, dimension__comparisons=comparison)
    elsewhere = Cell.objects.exclude(pk__in=shown.values("pk"))
    assert elsewhere.exists(), "the starter content has cells this table does not show"
    elsewhere.update(updated_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    version.bump()
    assert 'Last changed <time datetime="2020-01-01T00:00:00+00:00">' in client.get(MAIN).text
