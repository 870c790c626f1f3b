"""Filter results for every row of the contract's membership table, and their combinations."""

import pytest
from django.http import QueryDict

from comparisons.models import Comparison
from comparisons.table import build_table
from tests.comparisons.membership import MEMBERSHIP, OPTIONS, ORDER

pytestmark = pytest.mark.django_db

SINGLE = [(dim, opt) for dim, opts in OPTIONS.items() for opt in opts]


def expected(filters):
    """The strategies the contract says match `filters` ({dimension: set of options})."""
    return [
        s for s in ORDER if all(MEMBERSHIP[s][dim] & opts for dim, opts in filters.items() if opts)
    ]


def table_for(query):
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    return build_table(comparison, QueryDict(query))


def slugs(table):
    return [s.slug for s in table.matching]


@pytest.mark.parametrize(("dimension", "option"), SINGLE)
def test_each_option_alone_matches_the_contract(starter, dimension, option):
    assert slugs(table_for(f"{dimension}={option}")) == expected({dimension: {option}})


@pytest.mark.parametrize(("first", "second"), [(a, b) for a in SINGLE for b in SINGLE if a < b])
def test_pairs_of_options_match_the_contract(starter, first, second):
    filters = {}
    for dim, opt in (first, second):
        filters.setdefault(dim, set()).add(opt)
    query = f"{first[0]}={first[1]}&{second[0]}={second[1]}"
    assert slugs(table_for(query)) == expected(filters)


def test_repeated_parameter_means_any_of(starter):
    assert slugs(table_for("goal=enter-new-markets&goal=focus-on-core")) == ORDER


def test_different_dimensions_combine_with_and(starter):
    assert slugs(table_for("location=abroad&performer=third-party")) == [
        "outsourcing",
        "offshore-outsourcing",
    ]
    assert slugs(table_for("location=home-country&performer=own-staff")) == []


def test_no_filters_shows_every_strategy_in_order(starter):
    assert slugs(table_for("")) == ORDER


def test_counts_are_faceted(starter):
    table = table_for("location=abroad&performer=own-staff")
    counts = {(f.dimension.slug, o.option.slug): o.count for f in table.facets for o in f.options}
    # location counts keep performer=own-staff: only offshoring is own staff, and it is abroad
    assert counts["location", "home-country"] == 0
    assert counts["location", "abroad"] == 1
    # performer counts keep location=abroad: all three work abroad
    assert counts["performer", "third-party"] == 2
    assert counts["performer", "own-staff"] == 1
    # goal counts keep both: only offshoring remains
    assert counts["goal", "enter-new-markets"] == 1
    assert counts["goal", "focus-on-core"] == 0


def test_unknown_options_and_parameters(starter):
    table = table_for("location=mars&location=abroad&utm_source=x&show=nope")
    assert slugs(table) == ["outsourcing", "offshoring", "offshore-outsourcing"]
    assert table.state.selected == {"location": ["abroad"]}
    assert table.unknown == [("location", "mars"), ("show", "nope")]


def test_show_limits_rows_in_table_order(starter):
    table = table_for("show=risks&show=definition")
    assert [row.dimension.slug for row in table.rows] == ["definition", "risks"]


def test_empty_result_suggests_which_filter_to_remove(starter):
    table = table_for("location=home-country&performer=own-staff")
    assert table.is_empty
    labels = {s.label: s.count for s in table.suggestions}
    assert labels == {"Where the work is done": 1, "Who performs the work": 1}


def test_state_round_trips_to_a_canonical_query_string(starter):
    table = table_for("performer=third-party&location=abroad&location=home-country&show=goal")
    assert (
        table.state.query_string()
        == "?location=home-country&location=abroad&performer=third-party&show=goal"
    )
