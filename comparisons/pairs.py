"""Pair pages: one comparison's two strategies side by side, at /compare/<slug>/<a>-vs-<b>/.

The address names the two strategies in the comparison's column order; the other order is the
same page and redirects to it. A pair is the table with `pick` set to the two, so filters,
`show` and `differences` work on it as on the whole table.
"""

from dataclasses import dataclass
from itertools import combinations

from django.urls import reverse

from .models import ComparisonStrategy
from .parameters import PICK


@dataclass
class Pair:
    comparison: object
    first: object
    second: object

    @property
    def title(self):
        return f"{self.first.name} vs. {self.second.name[:1].lower()}{self.second.name[1:]}"

    def get_absolute_url(self):
        return pair_path(self.comparison, self.first, self.second)


def pair_path(comparison, first, second):
    kwargs = {"slug": comparison.slug, "a": first.slug, "b": second.slug}
    return reverse("comparisons:pair", kwargs=kwargs)


def strategies_of(comparison):
    """The comparison's strategies in column order (one query)."""
    links = ComparisonStrategy.objects.filter(comparison=comparison).select_related("strategy")
    return [link.strategy for link in links.order_by("order", "id")]


def find_pair(comparison, a, b):
    """(the Pair, whether the address has them in the other order), or (None, False)."""
    strategies = strategies_of(comparison)
    by_slug = {s.slug: s for s in strategies}
    if a == b or a not in by_slug or b not in by_slug:
        return None, False
    first, second = by_slug[a], by_slug[b]
    if strategies.index(first) > strategies.index(second):
        return Pair(comparison, second, first), True
    return Pair(comparison, first, second), False


def pairs_of(comparison, strategies):
    """Every pair of the comparison's columns, in column order."""
    return [Pair(comparison, a, b) for a, b in combinations(strategies, 2)]


def other_pairs(pair, strategies):
    """For each of the pair's strategies, its pairs with the comparison's other strategies."""
    return [
        (
            strategy,
            [
                _ordered(pair.comparison, strategy, other, strategies)
                for other in strategies
                if other not in (pair.first, pair.second)
            ],
        )
        for strategy in (pair.first, pair.second)
    ]


def _ordered(comparison, one, other, strategies):
    if strategies.index(one) > strategies.index(other):
        one, other = other, one
    return Pair(comparison, one, other)


def pair_query(querydict, pair):
    """The request's query with `pick` set to the pair, whatever it said."""
    query = querydict.copy()
    query.setlist(PICK, [pair.first.slug, pair.second.slug])
    return query


def page_data(request, pair):
    """JSON-LD: the page as a WebPage about the two strategies (its breadcrumbs: `trail`)."""
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": pair.title,
        "url": request.build_absolute_uri(pair.get_absolute_url()),
        "inLanguage": "en",
        "isPartOf": {
            "@type": "WebPage",
            "name": pair.comparison.title,
            "url": request.build_absolute_uri(pair.comparison.get_absolute_url()),
        },
        "about": [{"@type": "Thing", "name": s.name} for s in (pair.first, pair.second)],
    }


def trail(pair):
    """The pair page's place in the site, below Home: (name, path) pairs."""
    return [
        ("Compare", reverse("comparisons:list")),
        (pair.comparison.title, pair.comparison.get_absolute_url()),
        (pair.title, pair.get_absolute_url()),
    ]
