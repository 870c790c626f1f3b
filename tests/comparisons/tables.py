"""Helpers of the comparison tests: what a table page shows (its column and row headings), the
queries a request makes, and a comparison of any size to measure."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from comparisons.models import (
    Cell,
    Comparison,
    ComparisonDimension,
    ComparisonStrategy,
    Dimension,
    Option,
    Strategy,
)


def column_headings(html):
    thead = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return re.findall(r'<th scope="col" id="col-([a-z0-9-]+)"', thead)


def row_headings(html):
    return re.findall(r'<th scope="row">([^<]+)</th>', html)


def count_queries(client, url, **headers):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **headers).status_code == 200
    return len(ctx.captured_queries)


def make_grid(strategies, dimensions):
    """A published comparison with every cell filled and one filterable dimension."""
    comparison = Comparison.objects.create(title="Grid", slug="grid", is_published=True)
    filt = Dimension.objects.create(name="Filter", slug="filt", filterable=True)
    yes = Option.objects.create(dimension=filt, slug="yes", label="Yes")
    dims = [filt] + [
        Dimension.objects.create(name=f"D{i}", slug=f"d{i}") for i in range(dimensions - 1)
    ]
    for i, dim in enumerate(dims):
        ComparisonDimension.objects.create(comparison=comparison, dimension=dim, order=i)
    for i in range(strategies):
        strategy = Strategy.objects.create(name=f"S{i}", slug=f"s{i}")
        ComparisonStrategy.objects.create(comparison=comparison, strategy=strategy, order=i)
        for dim in dims:
            cell = Cell.objects.create(strategy=strategy, dimension=dim, text=f"Text {i}")
            if dim == filt:
                cell.options.add(yes)
    return comparison
