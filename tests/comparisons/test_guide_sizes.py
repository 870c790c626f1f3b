"""The guide on comparisons other than the starter's: its questions follow the table's filterable
rows, and its query count stays the same whatever the size and the step."""

import re

import pytest

from comparisons.models import (
    Cell,
    Comparison,
    ComparisonDimension,
    ComparisonStrategy,
    Dimension,
    Option,
    Strategy,
)
from tests.comparisons.guide_html import heading, legend, matches, radios
from tests.comparisons.tables import count_queries

pytestmark = pytest.mark.django_db


def make_comparison(strategies=3, extra_dimensions=2):
    """A published comparison whose filterable rows are "Size" then "Budget", after a text row."""
    comparison = Comparison.objects.create(title="Grid", slug="grid", is_published=True)
    text = Dimension.objects.create(name="Intro", slug="intro")
    size = Dimension.objects.create(name="Company size", slug="size", filterable=True)
    budget = Dimension.objects.create(name="Budget", slug="budget", filterable=True)
    small = Option.objects.create(dimension=size, slug="small", label="Small", order=1)
    large = Option.objects.create(dimension=size, slug="large", label="Large", order=2)
    low = Option.objects.create(dimension=budget, slug="low", label="Low")
    extras = [Dimension.objects.create(name=f"D{i}", slug=f"d{i}") for i in range(extra_dimensions)]
    for order, dim in enumerate([text, budget, size, *extras]):
        ComparisonDimension.objects.create(comparison=comparison, dimension=dim, order=order)
    for i in range(strategies):
        strategy = Strategy.objects.create(name=f"S{i}", slug=f"s{i}")
        ComparisonStrategy.objects.create(comparison=comparison, strategy=strategy, order=i)
        for dim in [text, budget, size, *extras]:
            cell = Cell.objects.create(strategy=strategy, dimension=dim, text=f"Text {i}. More.")
            if dim == size:
                cell.options.add(small if i % 2 else large)
            if dim == budget:
                cell.options.add(low)
    return comparison


def test_questions_are_the_filterable_dimensions_in_table_order(client, db):
    make_comparison()
    html = client.get("/compare/grid/guide/").content.decode()
    # No lead-in for an unknown dimension: the question is its name.
    assert heading(html) == "Budget" and legend(html) == "Budget"
    assert "Question 1 of 2" in html and "Answer two questions" in html
    html = client.get("/compare/grid/guide/?budget=low&step=2").content.decode()
    assert heading(html) == "Company size"
    assert [v for _, v, _ in radios(html)] == ["small", "large", ""]
    html = client.get("/compare/grid/guide/?budget=low&size=small&step=3").content.decode()
    assert matches(html) == ["s1"]
    assert re.search(r'<p class="guide-reason">Text 1\. More\. Text 1\. More\.</p>', html)


def test_comparison_without_filterable_rows_goes_straight_to_results(client, db):
    comparison = Comparison.objects.create(title="Plain", slug="plain", is_published=True)
    strategy = Strategy.objects.create(name="Only", slug="only", summary="The only one.")
    ComparisonStrategy.objects.create(comparison=comparison, strategy=strategy)
    response = client.get("/compare/plain/guide/")
    html = response.content.decode()
    assert response.status_code == 200
    assert matches(html) == ["only"]
    assert '<p class="guide-link">' not in client.get("/compare/plain/").content.decode()


def test_query_count_is_constant_across_steps_and_sizes(client, settings, db):
    # The view's own queries: without the page cache, whose key reads the content version and,
    # once per version, the dimensions' slugs (comparisons.cache_keys).
    settings.PAGE_CACHE_SECONDS = 0
    make_comparison(strategies=3, extra_dimensions=2)
    urls = [
        "/compare/grid/guide/",
        "/compare/grid/guide/?budget=low&step=2",
        "/compare/grid/guide/?budget=low&size=small&step=3",
        "/compare/grid/guide/?budget=low&size=nope&step=3",
    ]
    counts = {count_queries(client, url) for url in urls}
    counts.add(count_queries(client, urls[2], HTTP_HX_REQUEST="true"))
    # The comparison, then its grid: columns, rows, options, cells, sources.
    assert counts == {6}
    Comparison.objects.all().delete()
    Strategy.objects.all().delete()
    Dimension.objects.all().delete()
    make_comparison(strategies=8, extra_dimensions=10)
    for url in urls:
        assert count_queries(client, url) == 6, url
