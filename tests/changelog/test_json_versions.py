"""The JSON and CSV exports' ?version=<n>: that version's data, from the change log."""

import csv
import io

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


CSV = f"/compare/{SLUG}.csv"


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_version_answers_that_versions_table(client, edited):
    old = client.get(CSV, {"version": "1"})
    assert old.status_code == 200
    assert old["Content-Type"] == "text/csv; charset=utf-8"
    assert old["Access-Control-Allow-Origin"] == "*"
    assert NEW_TEXT not in old.content.decode()
    assert len(csv_rows(old)) == len(csv_rows(client.get(CSV)))
    assert NEW_TEXT in client.get(CSV).content.decode()
    assert NEW_TEXT in client.get(CSV, {"version": "2"}).content.decode()


def test_csv_version_honours_filters_and_pick(client, edited):
    rows = csv_rows(client.get(CSV, {"version": "1", "pick": "offshoring"}))
    assert rows[0] == ["Dimension", "Offshoring"]
    rows = csv_rows(client.get(CSV, {"version": "1", "performer": "own-staff"}))
    assert rows[0] == ["Dimension", "Offshoring"]
    response = client.get(CSV, {"version": "1", "pick": "nobody"})
    assert response.status_code == 400 and "nobody" in response.content.decode()


def test_csv_page_cache_keeps_versions_apart(client, edited):
    first = client.get(CSV, {"version": "1"}).content
    live = client.get(CSV).content
    assert client.get(CSV, {"version": "1"}).content == first and live != first


@pytest.mark.parametrize("value", ["7", "99999"])
def test_an_unknown_csv_version_is_a_404_that_says_so(client, starter, value):
    response = client.get(CSV, {"version": value})
    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == f"This comparison has no version {value}."


@pytest.mark.parametrize("value", ["0", "-1", "x", "", "1.5", "99999999999999999999", "٣"])
def test_a_csv_version_that_is_no_positive_whole_number_is_400(client, starter, value):
    response = client.get(CSV, {"version": value})
    assert response.status_code == 400
    assert response.content.decode() == "version must be a positive whole number."


def test_a_csv_version_of_an_unknown_comparison_is_404(client, starter):
    assert client.get("/compare/no-such-table.csv", {"version": "1"}).status_code == 404
