"""Ordering a comparison's columns and rows, and a row's options, in the admin: the order
numbers are hidden fields the page fills in (by dragging or with Up and Down), and the save is
the page's own: version checked, recorded, and on the public page at once."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from changelog.models import Version
from comparisons.models import Comparison, ComparisonStrategy, Dimension
from tests.admin_forms import submitted
from tests.comparisons.tables import column_headings, row_headings

pytestmark = pytest.mark.django_db

SLUG = "outsourcing-vs-offshoring"
URL = f"/compare/{SLUG}/"


@pytest.fixture(autouse=True)
def committed(django_capture_on_commit_callbacks):
    """The change log records a save once it commits: here at the end of each test, so nothing
    it scheduled (with this test's editor) is left for a later test to record."""
    with django_capture_on_commit_callbacks(execute=True):
        yield


@pytest.fixture
def comparison(starter):
    return Comparison.objects.get(slug=SLUG)


def change_url(comparison):
    return reverse("admin:comparisons_comparison_change", args=[comparison.pk])


def reordered(data, prefix, field, wanted):
    """`data` with the rows of inline `prefix` numbered so that their `field` values (ids)
    come in the order of `wanted`, as the page's script numbers them after a move."""
    rows = [key[: -len(field)] for key in data if re.fullmatch(rf"{prefix}-\d+-{field}", key)]
    place = {str(pk): index for index, pk in enumerate(wanted, start=1)}
    return data | {row + "order": str(place[data[row + field]]) for row in rows}


def swap_first_two_columns(client, comparison, page=None):
    page = page or client.get(change_url(comparison))
    links = list(ComparisonStrategy.objects.filter(comparison=comparison))
    wanted = [links[1].strategy_id, links[0].strategy_id, *[x.strategy_id for x in links[2:]]]
    data = reordered(submitted(page), "strategy_links", "strategy", wanted)
    return client.post(change_url(comparison), data)


def test_the_order_numbers_are_hidden_not_typed(editor_client, comparison):
    html = editor_client.get(change_url(comparison)).text
    for prefix in ("strategy_links", "dimension_links"):
        hidden = rf'<input type="hidden" name="{prefix}-0-order" [^>]*class="_reorder_"'
        assert re.search(hidden, html)
        assert not re.search(rf'<input type="number" name="{prefix}-\d+-order"', html)
    assert '<fieldset class="module sortable' in html
    assert "js/admin-ordering.js" in html
    assert "adminsortable2/js/adminsortable2" in html


def test_a_new_column_order_is_on_the_public_page_at_once(editor_client, client, comparison):
    before = column_headings(client.get(URL).text)
    response = swap_first_two_columns(editor_client, comparison)
    assert response.status_code == 302, response.text
    assert column_headings(client.get(URL).text) == [before[1], before[0], *before[2:]]


def test_a_new_order_is_an_edit_versioned_and_recorded(
    editor_client, comparison, django_capture_on_commit_callbacks
):
    revisions = comparison.history.count()
    public = Version.objects.filter(comparison=comparison).count()
    with django_capture_on_commit_callbacks(execute=True):  # the change log records on commit
        swap_first_two_columns(editor_client, comparison)

    saved = Comparison.objects.get(pk=comparison.pk)
    assert saved.version == comparison.version + 1
    assert saved.history.count() == revisions + 1
    assert Version.objects.filter(comparison=comparison).count() == public + 1  # change log
    entry = LogEntry.objects.filter(object_id=str(comparison.pk)).latest("action_time")
    assert "Changed Order for strategy (column)" in entry.get_change_message()


def test_saving_an_untouched_page_changes_nothing(editor_client, comparison):
    page = editor_client.get(change_url(comparison))
    response = editor_client.post(change_url(comparison), submitted(page))
    assert response.status_code == 302
    assert Comparison.objects.get(pk=comparison.pk).version == comparison.version


def test_an_order_from_an_outdated_page_is_refused_not_saved_over(editor_client, comparison):
    stale = editor_client.get(change_url(comparison))
    swap_first_two_columns(editor_client, comparison)  # another editor, meanwhile
    order_now = list(comparison.strategy_links.values_list("strategy_id", flat=True))

    data = submitted(stale)
    wanted = sorted(order_now)  # yet another order, from the page opened before
    response = editor_client.post(
        change_url(comparison), reordered(data, "strategy_links", "strategy", wanted)
    )
    assert response.status_code == 200
    assert "after you opened this page" in response.text
    assert list(comparison.strategy_links.values_list("strategy_id", flat=True)) == order_now


def test_rows_are_reordered_the_same_way(editor_client, client, comparison):
    before = row_headings(client.get(URL).text)
    page = editor_client.get(change_url(comparison))
    rows = list(comparison.dimension_links.values_list("dimension_id", flat=True))
    data = reordered(submitted(page), "dimension_links", "dimension", rows[::-1])
    assert editor_client.post(change_url(comparison), data).status_code == 302
    assert row_headings(client.get(URL).text) == before[::-1]


def test_a_row_s_options_are_reordered_and_filters_follow(editor_client, client, starter):
    dimension = Dimension.objects.get(slug="location")
    url = reverse("admin:comparisons_dimension_change", args=[dimension.pk])
    page = editor_client.get(url)
    labels = list(dimension.options.order_by("order", "id").values_list("label", flat=True))
    data = submitted(page)
    rows = [key[: -len("label")] for key in data if re.fullmatch(r"options-\d+-label", key)]
    for row in rows:  # reversed: the last option first
        data[row + "order"] = str(len(labels) - labels.index(data[row + "label"]))
    assert editor_client.post(url, data).status_code == 302

    html = client.get(URL).text
    shown = re.findall(r'<label for="f-location-[^"]+">([^<]+) <span class="count"', html)
    assert shown == labels[::-1]
    assert Dimension.objects.get(pk=dimension.pk).version == dimension.version + 1


@pytest.mark.parametrize("value", ["\x00", "-1", "9" * 1000, "abc"])
def test_a_hostile_order_number_gets_a_form_error(editor_client, comparison, value):
    page = editor_client.get(change_url(comparison))
    data = submitted(page) | {"strategy_links-0-order": value}
    response = editor_client.post(change_url(comparison), data)
    assert response.status_code == 200
    assert "Please correct the error" in response.text


def test_a_missing_order_number_leaves_the_row_in_its_place(editor_client, client, comparison):
    before = column_headings(client.get(URL).text)
    data = submitted(editor_client.get(change_url(comparison))) | {"strategy_links-0-order": ""}
    assert editor_client.post(change_url(comparison), data).status_code == 302
    assert column_headings(client.get(URL).text) == before
