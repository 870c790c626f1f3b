"""Comparisons in the site search: each published comparison, its cells and its pair pages.

- comparison: its title and intro; one document per published comparison.
- cell: one per cell shown in a published comparison, linked to the first such comparison (by
  title) with the row open; grouped by strategy, so a cell's edit touches its own document.
- pair: for each published comparison, each pair of its strategies in column order, with the
  text of both strategies' cells, row by row; grouped by comparison, keyed by the comparison
  and the two strategy ids, so a cell's edit touches only the pairs of its strategy.
"""

from collections import defaultdict
from itertools import combinations

from django.urls import reverse

from editorial.search.providers import Document, Provider, Scope, html_text, scope_ids

from .models import Cell, Comparison, ComparisonDimension, ComparisonStrategy, Dimension, Strategy

COMPARISON = "comparison"
CELL = "cell"
PAIR = "pair"


def comparison_documents(scope):
    comparisons = Comparison.objects.published()
    if scope.group is not None:
        comparisons = comparisons.filter(pk=int(scope.group))
    for comparison in comparisons.only("title", "slug", "intro_html"):
        yield Document(
            key=str(comparison.pk),
            group=str(comparison.pk),
            title=comparison.title,
            url=comparison.get_absolute_url(),
            passages=(html_text(comparison.intro_html),),
        )


def comparison_scopes(instance):
    return [Scope(str(instance.pk))] if isinstance(instance, Comparison) else []


def cell_documents(scope):
    cells = Cell.objects.select_related("strategy", "dimension").order_by("pk")
    if scope.keys is not None:  # wherever they are now (a cell may have changed strategy)
        cells = cells.filter(pk__in=scope_ids(scope))
    elif scope.group is not None:
        cells = cells.filter(strategy_id=int(scope.group))
    cells = list(cells.only("text_html", "strategy__name", "dimension__name", "dimension__slug"))
    homes = _homes({c.strategy_id for c in cells}, {c.dimension_id for c in cells})
    for cell in cells:
        home = homes.get((cell.strategy_id, cell.dimension_id))
        if home is None:
            continue  # in no published comparison
        row = cell.dimension.slug
        yield Document(
            key=str(cell.pk),
            group=str(cell.strategy_id),
            title=f"{cell.strategy.name}: {cell.dimension.name}",
            url=f"{home.get_absolute_url()}?show={row}#row-{row}",
            passages=(html_text(cell.text_html),),
            context=home.title,
        )


def _homes(strategies, dimensions):
    """(strategy id, dimension id) -> the first published comparison (by title) with both."""
    published = Comparison.objects.published().only("title", "slug").order_by("title", "pk")
    columns = ComparisonStrategy.objects.filter(strategy__in=strategies)
    rows = ComparisonDimension.objects.filter(dimension__in=dimensions)
    shown_columns, shown_rows = defaultdict(set), defaultdict(set)
    for comparison_id, strategy_id in columns.values_list("comparison_id", "strategy_id"):
        shown_columns[comparison_id].add(strategy_id)
    for comparison_id, dimension_id in rows.values_list("comparison_id", "dimension_id"):
        shown_rows[comparison_id].add(dimension_id)
    homes = {}
    for comparison in published.filter(pk__in=shown_columns):
        for strategy_id in shown_columns[comparison.pk]:
            for dimension_id in shown_rows[comparison.pk]:
                homes.setdefault((strategy_id, dimension_id), comparison)
    return homes


def cell_scopes(instance):
    if isinstance(instance, Cell):
        return [Scope(str(instance.strategy_id), frozenset({str(instance.pk)}))]
    if isinstance(instance, Strategy | ComparisonStrategy):
        strategy_id = instance.pk if isinstance(instance, Strategy) else instance.strategy_id
        return [Scope(str(strategy_id))]
    if isinstance(instance, Dimension | ComparisonDimension):
        dimension_id = instance.pk if isinstance(instance, Dimension) else instance.dimension_id
        return _cells_in_row(dimension_id)
    if isinstance(instance, Comparison):
        links = ComparisonStrategy.objects.filter(comparison_id=instance.pk)
        return [Scope(str(s)) for s in links.values_list("strategy_id", flat=True)]
    return []


def _cells_in_row(dimension_id):
    keys = defaultdict(set)
    for strategy_id, pk in Cell.objects.filter(dimension_id=dimension_id).values_list(
        "strategy_id", "pk"
    ):
        keys[strategy_id].add(str(pk))
    return [Scope(str(strategy_id), frozenset(k)) for strategy_id, k in keys.items()]


def pair_documents(scope):
    comparisons = Comparison.objects.published().only("title", "slug")
    if scope.keys is not None:
        comparisons = comparisons.filter(pk__in={int(key.split(":")[0]) for key in scope.keys})
    elif scope.group is not None:
        comparisons = comparisons.filter(pk=int(scope.group))
    for comparison in comparisons:
        yield from _pairs(comparison, scope.keys)


def pair_key(comparison_id, a_id, b_id):
    """The comparison and its two strategies, the smaller id first (either column order)."""
    return f"{comparison_id}:{min(a_id, b_id)}:{max(a_id, b_id)}"


def pair_title(first, second):
    """As the site titles pairs: "Offshoring vs. nearshoring"."""
    return f"{first.name} vs. {second.name[:1].lower()}{second.name[1:]}"


def _pairs(comparison, keys):
    links = ComparisonStrategy.objects.filter(comparison=comparison).select_related("strategy")
    columns = [link.strategy for link in links.order_by("order", "id")]
    pairs = [
        (a, b)
        for a, b in combinations(columns, 2)
        if keys is None or pair_key(comparison.pk, a.pk, b.pk) in keys
    ]
    if not pairs:
        return
    rows = ComparisonDimension.objects.filter(comparison=comparison).order_by("order", "id")
    rows = list(rows.values_list("dimension_id", flat=True))
    cells = Cell.objects.filter(strategy__in={s.pk for p in pairs for s in p}, dimension__in=rows)
    html = {(s, d): h for s, d, h in cells.values_list("strategy_id", "dimension_id", "text_html")}
    for first, second in pairs:
        kwargs = {"slug": comparison.slug, "a": first.slug, "b": second.slug}
        yield Document(
            key=pair_key(comparison.pk, first.pk, second.pk),
            group=str(comparison.pk),
            title=pair_title(first, second),
            url=reverse("comparisons:pair", kwargs=kwargs),
            passages=[html_text(html.get((s.pk, d), "")) for d in rows for s in (first, second)],
            context=comparison.title,
        )


def pair_scopes(instance):
    if isinstance(instance, Comparison):
        return [Scope(str(instance.pk))]
    if isinstance(instance, ComparisonStrategy | ComparisonDimension):
        return [Scope(str(instance.comparison_id))]
    if isinstance(instance, Strategy | Cell):
        strategy_id = instance.pk if isinstance(instance, Strategy) else instance.strategy_id
        return _pairs_with(strategy_id)
    return []


def _pairs_with(strategy_id):
    """The pairs of every comparison that has this strategy, with it as one of the two."""
    comparisons = ComparisonStrategy.objects.filter(strategy_id=strategy_id).values("comparison")
    links = ComparisonStrategy.objects.filter(comparison__in=comparisons)
    keys = defaultdict(set)
    for comparison_id, other in links.values_list("comparison_id", "strategy_id"):
        if other != strategy_id:
            keys[comparison_id].add(pair_key(comparison_id, strategy_id, other))
    return [Scope(str(c), frozenset(k)) for c, k in keys.items()]


PROVIDERS = [
    Provider(COMPARISON, "Comparison", comparison_documents, comparison_scopes, priority=3),
    Provider(CELL, "Comparison cell", cell_documents, cell_scopes, priority=1),
    Provider(PAIR, "Pair of strategies", pair_documents, pair_scopes, priority=2),
]
