import csv
import io
import json

import pytest

from comparisons.models import (
    Cell,
    Comparison,
    ComparisonDimension,
    ComparisonStrategy,
    Dimension,
    Strategy,
)

pytestmark = pytest.mark.django_db

BASE = "/compare/outsourcing-vs-offshoring"


def test_json_has_the_contract_shape(client, starter):
    response = client.get(BASE + ".json", {"location": "abroad", "performer": "own-staff"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    assert data["comparison"]["slug"] == "outsourcing-vs-offshoring"
    assert data["comparison"]["title"] == "Outsourcing vs. offshoring"
    assert data["comparison"]["url"] == (
        "http://testserver/compare/outsourcing-vs-offshoring/?location=abroad&performer=own-staff"
    )
    assert data["filters"] == {"location": ["abroad"], "performer": ["own-staff"]}
    assert data["strategies"] == [
        {"slug": "offshoring", "name": "Offshoring", "summary": data["strategies"][0]["summary"]}
    ]
    location = next(d for d in data["dimensions"] if d["slug"] == "location")
    assert location["name"] == "Where the work is done"
    assert location["filterable"] is True
    assert [(o["slug"], o["label"], o["count"]) for o in location["options"]] == [
        ("home-country", "Home country", 0),
        ("abroad", "Abroad", 1),
    ]
    cell = next(
        c for c in data["cells"] if c["strategy"] == "offshoring" and c["dimension"] == "location"
    )
    assert cell["options"] == ["abroad"]
    assert cell["text"]
    assert {c["strategy"] for c in data["cells"]} == {"offshoring"}


def test_json_without_filters_lists_strategies_in_display_order(client, starter):
    data = client.get(BASE + ".json").json()
    assert [s["slug"] for s in data["strategies"]] == [
        "outsourcing",
        "offshoring",
        "offshore-outsourcing",
    ]
    outsourcing = next(
        c for c in data["cells"] if c["strategy"] == "outsourcing" and c["dimension"] == "location"
    )
    assert outsourcing["options"] == ["home-country", "abroad"]
    assert data["filters"] == {}


def test_json_honours_show(client, starter):
    data = client.get(BASE + ".json", {"show": "goal"}).json()
    assert [d["slug"] for d in data["dimensions"]] == ["goal"]
    assert {c["dimension"] for c in data["cells"]} == {"goal"}


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_unknown_option_answers_400_naming_the_valid_ones(client, starter, suffix):
    response = client.get(BASE + suffix, {"location": "mars"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "mars" in body and "home-country" in body and "abroad" in body


def test_unknown_show_answers_400(client, starter):
    response = client.get(BASE + ".json", {"show": "colour"})
    assert response.status_code == 400
    assert "definition" in response.json()["error"]


def test_unknown_parameters_are_ignored_by_exports(client, starter):
    assert client.get(BASE + ".json", {"utm_source": "x"}).status_code == 200


def test_csv_has_a_row_per_dimension_and_a_column_per_strategy(client, starter):
    response = client.get(BASE + ".csv", {"location": "abroad"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Dimension", "Outsourcing", "Offshoring", "Offshore outsourcing"]
    assert [r[0] for r in rows[1:4]] == [
        "In one line",
        "Where the work is done",
        "Who performs the work",
    ]
    assert len(rows) == 1 + 9
    assert all(len(r) == 4 and all(r) for r in rows)


def test_csv_neutralises_spreadsheet_formulas(client, starter):
    Cell.objects.filter(strategy__slug="offshoring", dimension__slug="risks").update(
        text='=HYPERLINK("http://evil.example","x")'
    )
    rows = list(csv.reader(io.StringIO(client.get(BASE + ".csv").content.decode())))
    risks = next(r for r in rows if r[0] == "Risks and drawbacks")
    assert risks[2].startswith("'=HYPERLINK")


def test_exports_of_unpublished_or_unknown_comparisons_are_404(client, starter):
    assert client.get("/compare/nope.json").status_code == 404
    assert client.get("/compare/nope.csv").status_code == 404


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("http://x","y")', "+SUM(1)", "@SUM(1)", "-1+2", "\tTab", "\rReturn"],
)
def test_csv_neutralises_formulas_in_names_and_headers(client, name):
    comparison = Comparison.objects.create(title="Risky names", slug="risky", is_published=True)
    strategy = Strategy.objects.create(name=name, slug="strategy")
    dimension = Dimension.objects.create(name=name, slug="dimension")
    ComparisonStrategy.objects.create(comparison=comparison, strategy=strategy)
    ComparisonDimension.objects.create(comparison=comparison, dimension=dimension)
    Cell.objects.create(strategy=strategy, dimension=dimension, text="=1+1")

    response = client.get("/compare/risky.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode(), newline="")))
    assert rows == [["Dimension", "'" + name], ["'" + name, "'=1+1"]]


def test_csv_names_a_spreadsheet_would_read_as_text_stay_as_they_are(client):
    comparison = Comparison.objects.create(title="Plain", slug="plain", is_published=True)
    for slug, name in (("a", "- a list item"), ("b", "Cost = value"), ("c", "Nearshoring")):
        strategy = Strategy.objects.create(name=name, slug=slug)
        ComparisonStrategy.objects.create(comparison=comparison, strategy=strategy)
    rows = list(csv.reader(io.StringIO(client.get("/compare/plain.csv").content.decode())))
    assert sorted(rows[0]) == sorted(["Dimension", "- a list item", "Cost = value", "Nearshoring"])
