"""The editors' dashboard (/admin/dashboard/): each list, with the starter content, links every
item to the page that fixes it; only editors (and superusers) may open it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from changelog.models import Version
from comparisons.models import Cell, Comparison, Dimension, Strategy
from corrections.models import Status, Suggestion
from editorial.editors import GROUP
from tests.admin_forms import submitted

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/dashboard/"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("writer", password="x" * 20, is_staff=True)
    user.groups.add(Group.objects.get(name=GROUP))
    client = Client()
    client.force_login(user)
    return client


def section(client, name):
    """The HTML of one list of the dashboard."""
    html = client.get(DASHBOARD).content.decode()
    return html.split(f'id="{name}"', 1)[1].split('<div class="module"', 1)[0]


def cell(strategy, dimension):
    return Cell.objects.get(strategy__slug=strategy, dimension__slug=dimension)


def edit_link(target):
    return f'href="{reverse("admin:comparisons_cell_change", args=[target.pk])}"'


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/dashboard/"


def test_staff_outside_the_editors_group_are_refused(starter, django_user_model):
    user = django_user_model.objects.create_user("intern", password="x" * 20, is_staff=True)
    intern = Client()
    intern.force_login(user)
    assert intern.get(DASHBOARD).status_code == 403
    assert "Editors' dashboard" not in intern.get("/admin/").content.decode()


def test_editors_and_superusers_open_it_from_the_admin_index(editor, staff_client, starter):
    for client in (editor, staff_client):
        assert client.get(DASHBOARD).status_code == 200
        index = client.get("/admin/").content.decode()
        assert f'<a href="{DASHBOARD}">Editors\' dashboard</a>' in index


def test_it_costs_a_bounded_number_of_queries(
    editor, starter, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The same queries whatever the lists hold: none per item shown."""
    with django_assert_num_queries(15):
        assert editor.get(DASHBOARD).status_code == 200
    # The starter content fills the lists of cells; add suggestions of both kinds, and admin
    # edits (public versions too) that leave their cells much shorter than their rows.
    fields = {
        "comparison": Comparison.objects.get(slug="outsourcing-vs-offshoring"),
        "strategy": Strategy.objects.get(slug="offshoring"),
        "dimension": Dimension.objects.get(slug="risks"),
    }
    for number in range(3):
        Suggestion.objects.create(text=f"Suggestion {number}.", **fields)
        Suggestion.objects.create(text=f"Taken {number}.", status=Status.ACCEPTED, **fields)
    risks = Cell.objects.filter(dimension__slug="risks").order_by("pk")[:3]
    for number, target in enumerate(risks):
        url = reverse("admin:comparisons_cell_change", args=[target.pk])
        data = submitted(editor.get(url)) | {"text": f"- Edit {number}", "change_note": "More."}
        with django_capture_on_commit_callbacks(execute=True):
            assert editor.post(url, data).status_code == 302
    with django_assert_num_queries(15):
        assert editor.get(DASHBOARD).status_code == 200
    for name in (
        "without-sources",
        "unreviewed",
        "short-cells",
        "open-suggestions",
        "unlinked-suggestions",
        "latest-versions",
        "latest-edits",
    ):
        assert section(editor, name).count("href=") >= 3, name


def test_cells_without_sources_link_to_their_edit_page(editor, starter):
    bare, cited = cell("offshoring", "risks"), cell("outsourcing", "definition")
    bare.source_links.all().delete()
    assert cited.source_links.exists()
    Cell.objects.exclude(pk=bare.pk).filter(source_links=None).delete()
    html = section(editor, "without-sources")
    assert "Cells without sources (1)" in html
    assert edit_link(bare) in html and "Offshoring × Risks and drawbacks" in html
    assert edit_link(cited) not in html


def test_cells_due_for_review_never_reviewed_first(editor, starter):
    today = timezone.localdate()
    Cell.objects.update(reviewed_at=today)
    stale, never = cell("offshoring", "risks"), cell("outsourcing", "risks")
    Cell.objects.filter(pk=stale.pk).update(reviewed_at=today - datetime.timedelta(days=400))
    Cell.objects.filter(pk=never.pk).update(reviewed_at=None)
    html = section(editor, "unreviewed")
    assert "Cells not reviewed for 365 days (2)" in html
    assert html.index(edit_link(never)) < html.index(edit_link(stale))
    assert "never reviewed" in html and "last reviewed" in html


def test_the_review_period_is_a_setting(editor, starter):
    today = timezone.localdate()
    Cell.objects.update(reviewed_at=today - datetime.timedelta(days=40))
    assert "(0)" in section(editor, "unreviewed")
    with override_settings(REVIEW_AFTER_DAYS=30):
        html = section(editor, "unreviewed")
    assert "Cells not reviewed for 30 days (" in html
    assert "(0)" not in html


def test_cells_much_shorter_than_their_row_and_missing_ones(editor, starter):
    short = cell("offshoring", "risks")
    Cell.objects.filter(pk=short.pk).update(text="Few.")
    cell("outsourcing", "risks").delete()
    html = section(editor, "short-cells")
    assert edit_link(short) in html and "4 characters" in html
    add = reverse("admin:comparisons_cell_add")
    outsourcing, risks = (
        Strategy.objects.get(slug="outsourcing"),
        Dimension.objects.get(slug="risks"),
    )
    assert f'href="{add}?strategy={outsourcing.pk}&amp;dimension={risks.pk}"' in html
    assert "not written yet" in html
    assert edit_link(cell("offshore-outsourcing", "risks")) not in html


def test_open_suggestions_link_to_their_page(editor, starter):
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    fields = {
        "comparison": comparison,
        "strategy": Strategy.objects.get(slug="offshoring"),
        "dimension": Dimension.objects.get(slug="risks"),
    }
    new = Suggestion.objects.create(text="<b>Currency</b> risk is missing.", **fields)
    Suggestion.objects.create(text="Already handled.", status=Status.REJECTED, **fields)
    unlinked = Suggestion.objects.create(text="Accepted early.", status=Status.ACCEPTED, **fields)
    html = section(editor, "open-suggestions")
    assert "Readers' suggestions to read (1)" in html
    assert f'href="{new.get_admin_url()}"' in html
    assert "&lt;b&gt;Currency&lt;/b&gt;" in html
    assert "Already handled." not in html
    assert f'href="{unlinked.get_admin_url()}"' in section(editor, "unlinked-suggestions")


def test_the_latest_changes_link_to_the_public_change_log_and_the_admin(
    editor, starter, django_capture_on_commit_callbacks
):
    target = cell("offshoring", "risks")
    url = reverse("admin:comparisons_cell_change", args=[target.pk])
    data = submitted(editor.get(url)) | {"text": "- Currency risk", "change_note": "Clearer."}
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(url, data).status_code == 302
    version = Version.objects.filter(comparison__slug="outsourcing-vs-offshoring").first()
    assert version.number == 2
    html = section(editor, "latest-versions")
    assert f'href="{version.get_absolute_url()}"' in html
    assert "Text changed: Offshoring × Risks and drawbacks" in html and "Clearer." in html
    edits = section(editor, "latest-edits")
    assert edit_link(target) in edits and "changed" in edits and "writer" in edits
