"""The editors' queue, as a member of the Editors group uses it: list, filter, search, read a
suggestion beside the cell (escaped), fix the cell, accept (linking the change) or reject."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from changelog.models import Kind
from comparisons.models import Cell, Comparison
from corrections.models import Status, Suggestion
from tests.admin_forms import submitted
from tests.corrections.common import CELL_NAME, URL, suggestion_data

pytestmark = pytest.mark.django_db

LIST = "/admin/corrections/suggestion/"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def suggest(**fields):
    assert Client().post(URL, suggestion_data(**fields)).status_code == 303
    return Suggestion.objects.order_by("-id").first()


def page(suggestion):
    return reverse("admin:corrections_suggestion_change", args=[suggestion.pk])


def decide(client, suggestion, decision):
    url = reverse("admin:corrections_suggestion_decide", args=[suggestion.pk])
    return client.post(url, {"decision": decision}, follow=True)


def the_cell():
    return Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks")


def edit_cell(client, committed, text, note="Currency risk added, as a reader suggested."):
    url = reverse("admin:comparisons_cell_change", args=[the_cell().pk])
    data = submitted(client.get(url)) | {"text": text, "change_note": note}
    with committed():
        assert client.post(url, data).status_code == 302


def test_the_queue_lists_status_comparison_cell_and_date(editor_client, starter):
    suggest(text=HOSTILE)
    html = editor_client.get(LIST).content.decode()
    for column in ("Created at", "Status", "Comparison", "Cell", "Suggestion"):
        assert column in html
    assert CELL_NAME in html and "Outsourcing vs. offshoring" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_the_queue_filters_by_status_and_comparison_and_searches(editor_client, starter):
    first = suggest(text="About currency risk.")
    suggest(text="About time zones.")
    Suggestion.objects.filter(pk=first.pk).update(status=Status.REJECTED)
    rejected = editor_client.get(LIST + "?status__exact=rejected").content.decode()
    assert "About currency risk." in rejected and "About time zones." not in rejected
    for slug, shown in [("outsourcing-vs-offshoring", True), ("sourcing-models", False)]:
        comparison = Comparison.objects.get(slug=slug)
        response = editor_client.get(LIST + f"?comparison__id__exact={comparison.pk}")
        assert response.status_code == 200  # not the admin's redirect for an unknown filter
        assert ("About time zones." in response.text) is shown, slug
    found = editor_client.get(LIST + "?q=zones").content.decode()
    assert "About time zones." in found and "About currency risk." not in found


def test_a_suggestions_page_shows_the_cell_beside_it_escaped(editor_client, starter):
    suggestion = suggest(text=HOSTILE, source_url='https://example.org/a?b="><script>x</script>')
    html = editor_client.get(page(suggestion)).content.decode()
    assert "<script>" not in html.split('id="content-main"', 1)[1].split("</form>", 1)[0]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Language and cultural barriers" in html  # the cell's text, when suggested and now
    assert 'rel="noopener nofollow noreferrer"' in html
    edit = reverse("admin:comparisons_cell_change", args=[the_cell().pk])
    assert f'href="{edit}"' in html
    assert "reader@example.org" in html  # editors may write back; readers never see it
    assert 'name="_save"' not in html  # nothing to save: the decision has its own buttons
    assert 'value="Accept"' in html and 'value="Reject"' in html


def test_accepting_before_the_edit_says_so_and_links_the_change_when_accepted_again(
    editor_client, starter, committed
):
    suggestion = suggest()
    html = decide(editor_client, suggestion, "Accept").content.decode()
    assert "has not been edited since" in html
    suggestion.refresh_from_db()
    assert suggestion.status == Status.ACCEPTED
    assert suggestion.decided_by == editor_client.user and suggestion.decided_at
    assert suggestion.change is None
    first_decision = suggestion.decided_at

    edit_cell(editor_client, committed, the_cell().text + "\n- Currency risk")
    html = decide(editor_client, suggestion, "Accept").content.decode()
    suggestion.refresh_from_db()
    assert suggestion.change.kind == Kind.CELL_TEXT
    assert suggestion.change.subject == CELL_NAME
    assert suggestion.change.version.note == "Currency risk added, as a reader suggested."
    assert suggestion.decided_at == first_decision  # the decision stays the first one
    assert f'href="{suggestion.change.version.get_absolute_url()}"' in html


def test_accepting_after_the_edit_links_the_newest_change_of_that_cell(
    editor_client, starter, committed
):
    suggestion = suggest()
    edit_cell(editor_client, committed, "- Currency risk")
    edit_cell(editor_client, committed, "- Currency and legal risk", note="Second pass.")
    decide(editor_client, suggestion, "Accept")
    suggestion.refresh_from_db()
    assert suggestion.change.version.note == "Second pass."
    assert suggestion.change.after == "- Currency and legal risk"


def test_a_change_made_before_the_suggestion_is_not_linked(editor_client, starter, committed):
    edit_cell(editor_client, committed, "- Currency risk")
    suggestion = suggest()
    decide(editor_client, suggestion, "Accept")
    suggestion.refresh_from_db()
    assert suggestion.status == Status.ACCEPTED and suggestion.change is None


def test_the_accept_action_decides_many_at_once(editor_client, starter, committed):
    first, second = suggest(), suggest()
    edit_cell(editor_client, committed, "- Currency risk")
    data = {"action": "accept_selected", "_selected_action": [first.pk, second.pk]}
    response = editor_client.post(LIST + "?status__exact=new", data, follow=True)
    assert "Accepted 2 suggestions." in response.content.decode()
    for suggestion in (first, second):
        suggestion.refresh_from_db()
        assert suggestion.status == Status.ACCEPTED
        assert suggestion.change is not None


def test_rejecting_records_who_and_when(editor_client, starter):
    suggestion = suggest()
    assert "Rejected 1." in decide(editor_client, suggestion, "Reject").content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == Status.REJECTED
    assert suggestion.decided_by == editor_client.user and suggestion.decided_at
    other = suggest()
    data = {"action": "reject_selected", "_selected_action": [other.pk]}
    editor_client.post(LIST, data)
    other.refresh_from_db()
    assert other.status == Status.REJECTED
    # Each decision is in the suggestion's admin history.
    url = reverse("admin:corrections_suggestion_history", args=[other.pk])
    history = editor_client.get(url).content.decode()
    assert "Rejected." in history


def test_the_decide_address_takes_only_a_post_with_a_decision(editor_client, starter):
    suggestion = suggest()
    url = reverse("admin:corrections_suggestion_decide", args=[suggestion.pk])
    assert editor_client.get(url).status_code == 405
    assert editor_client.post(url, {"decision": "Maybe"}).status_code == 400
    assert editor_client.post(url.replace(f"/{suggestion.pk}/", "/abc/"), {}).status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == Status.NEW


def test_readers_add_suggestions_editors_do_not(editor_client, starter):
    assert editor_client.get(LIST + "add/").status_code == 403


def test_staff_who_may_only_view_cannot_decide(starter, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="x" * 20, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_suggestion"))
    viewer = Client()
    viewer.force_login(user)
    suggestion = suggest()
    assert viewer.get(page(suggestion)).status_code == 200
    assert 'value="Accept"' not in viewer.get(page(suggestion)).content.decode()
    assert decide(viewer, suggestion, "Accept").status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == Status.NEW


def test_staff_outside_the_editors_group_see_no_queue(starter, django_user_model):
    user = django_user_model.objects.create_user("intern", password="x" * 20, is_staff=True)
    intern = Client()
    intern.force_login(user)
    assert intern.get(LIST).status_code == 403
