"""The grid kept per content version (comparisons.grid.live_grid) and the cells drawn in
Python (comparisons.table_html): a new filter combination costs no grid query, an edit shows
at once, and the markup escapes what editors type as the template did.

The grid is only kept outside a transaction (a rolled-back write must not leave its grid
behind), so the tests of keeping it commit, as a real request does.
"""

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from comparisons.grid import live_grid
from comparisons.models import (
    Cell,
    Comparison,
    ComparisonDimension,
    ComparisonStrategy,
    Dimension,
    Option,
    Strategy,
)
from comparisons.table import build_table
from sources.models import Source

URL = "/compare/outsourcing-vs-offshoring/"
committed = pytest.mark.django_db(transaction=True)


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@committed
def test_a_new_filter_combination_reads_no_grid_again(client, starter, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders: what a page cache miss costs
    # The content version is read on SQLite, heard on PostgreSQL (pagecache.listener): not
    # counted here.
    first = [q for q in queries(client, URL) if "pagecache_contentversion" not in q]
    second = [
        q for q in queries(client, URL + "?location=abroad") if "pagecache_contentversion" not in q
    ]
    # The six reads of the grid (columns, rows, options, cells, sources, when any last changed)
    # are not made again: the comparison itself is all it asks.
    assert len(first) == 1 + 6
    assert len(second) == 1
    assert "comparisons_comparison" in second[0]


@committed
def test_an_edit_shows_at_once_although_the_grid_was_kept(client, starter, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the grid alone must follow the edit, not the page cache
    assert "Kept-grid check" not in client.get(URL).content.decode()
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="definition")
    cell.text = NEW = "Kept-grid check: a new sentence."
    cell.save()
    assert NEW in client.get(URL + "?pick=offshoring").content.decode()
    assert NEW in client.get(URL).content.decode()


@committed
def test_a_grid_built_inside_a_transaction_is_not_kept(starter):
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    with transaction.atomic():
        inside = live_grid(comparison)
    assert live_grid(comparison) is not inside
    assert live_grid(comparison) is live_grid(comparison)


@committed
def test_one_table_does_not_renumber_another_drawn_from_the_same_grid(starter):
    """Source numbers belong to a table: a filtered table drawn from the same kept grid after
    another must not change the numbers the first shows."""
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    whole = build_table(comparison, QueryDict())
    numbers = [list(row.source_numbers) for row in whole.rows]
    assert any(any(cell) for cell in numbers)
    build_table(comparison, QueryDict("pick=offshore-outsourcing&show=cost"))
    assert [row.source_numbers for row in whole.rows] == numbers


@pytest.mark.django_db
def test_cells_escape_what_editors_type(client):
    comparison = Comparison.objects.create(title="Hostile", slug="hostile", is_published=True)
    strategy = Strategy.objects.create(name='Tom & "Jerry" <b>', slug="tom")
    dimension = Dimension.objects.create(name="<i>Row</i>", slug="row", filterable=True)
    option = Option.objects.create(dimension=dimension, slug="o", label="<script>x</script>")
    ComparisonStrategy.objects.create(comparison=comparison, strategy=strategy)
    ComparisonDimension.objects.create(comparison=comparison, dimension=dimension)
    cell = Cell.objects.create(strategy=strategy, dimension=dimension, text="Plain *text*.")
    cell.options.add(option)
    cell.sources.add(Source.objects.create(title="A source", url="https://example.org/a"))
    html = client.get("/compare/hostile/").content.decode()

    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert '<ul class="tags"><li>&lt;script&gt;x&lt;/script&gt;</li></ul>' in body
    assert "<p>Plain <em>text</em>.</p>" in body
    marker = '<a href="#sources-1" target="_self"><span class="visually-hidden">Source </span>1'
    assert marker in body
    assert "?strategy=tom&amp;dimension=row" in body
    assert " for Tom &amp; &quot;Jerry&quot; &lt;b&gt; × &lt;i&gt;Row&lt;/i&gt;</span>" in body
    assert "<script>" not in body and "<b>" not in body


@pytest.mark.django_db
def test_an_empty_cell_says_so_and_still_takes_a_correction(client):
    comparison = Comparison.objects.create(title="Gaps", slug="gaps", is_published=True)
    strategy = Strategy.objects.create(name="Only", slug="only")
    dimension = Dimension.objects.create(name="Unwritten", slug="unwritten")
    ComparisonStrategy.objects.create(comparison=comparison, strategy=strategy)
    ComparisonDimension.objects.create(comparison=comparison, dimension=dimension)
    body = client.get("/compare/gaps/").content.decode().split("<tbody>", 1)[1]
    assert '<td><span class="missing">Not written yet</span><a class="suggest-link"' in body
