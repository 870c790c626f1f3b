"""The JSON export's ?version=<n>: that version's data, from the change log."""

import pytest

from changelog.models import Version
from comparisons.models import Cell

pytestmark = pytest.mark.django_db

SLUG = "outsourcing-vs-offshoring"
JSON = f"/compare/{SLUG}.json"
NEW_TEXT = "A wholly new definition, written after version 1."


@pytest.fixture
def edited(starter, django_capture_on_commit_callbacks):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="definition")
    with django_capture_on_commit_callbacks(execute=True):
        cell.text = NEW_TEXT
        cell.save()


def definition(data):
    return next(
        c["text"]
        for c in data["cells"]
        if c["strategy"] == "offshoring" and c["dimension"] == "definition"
    )


def test_version_answers_that_versions_data(client, edited):
    live = client.get(JSON).json()
    old = client.get(JSON, {"version": "1"})
    assert old.status_code == 200
    assert old["Access-Control-Allow-Origin"] == "*"
    old = old.json()
    assert definition(live) == NEW_TEXT and definition(old) != NEW_TEXT
    assert live["comparison"]["version"] == 2 and old["comparison"]["version"] == 1
    assert definition(client.get(JSON, {"version": "2"}).json()) == NEW_TEXT


def test_an_unfiltered_version_is_exactly_its_stored_data(client, edited):
    stored = Version.objects.get(comparison__slug=SLUG, number=1).data
    answered = client.get(JSON, {"version": "1"}).json()
    assert answered["comparison"].pop("url") == f"http://testserver/compare/{SLUG}/"
    assert answered == stored


def test_a_version_honours_filters_and_pick(client, edited):
    data = client.get(JSON, {"version": "1", "pick": "offshoring"}).json()
    assert [s["slug"] for s in data["strategies"]] == ["offshoring"]
    assert client.get(JSON, {"version": "1", "pick": "nobody"}).status_code == 400


def test_the_page_cache_keeps_versions_apart(client, edited):
    first = client.get(JSON, {"version": "1"}).json()
    live = client.get(JSON).json()
    again = client.get(JSON, {"version": "1"}).json()
    assert first == again and definition(live) != definition(first)


@pytest.mark.parametrize("value", ["7", "99999"])
def test_an_unknown_version_is_a_json_404(client, starter, value):
    response = client.get(JSON, {"version": value})
    assert response.status_code == 404
    assert response.json() == {"error": f"This comparison has no version {value}."}


@pytest.mark.parametrize("value", ["0", "-1", "x", "", "1.5", "99999999999999999999", "٣"])
def test_a_version_that_is_no_positive_whole_number_is_400(client, starter, value):
    response = client.get(JSON, {"version": value})
    assert response.status_code == 400
    assert "positive whole number" in response.json()["error"]
