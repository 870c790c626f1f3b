"""The pair page: two strategies of a comparison side by side (comparisons.pairs)."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from pagecache.decorators import public_page

from . import pairs
from .cache_keys import read_comparison_query
from .table import build_table
from .views import oembed_link, visible_comparison, wants_fragment


@public_page(reads=read_comparison_query)
@require_safe
@vary_on_headers("HX-Request")
def pair_detail(request, slug, a, b):
    comparison = visible_comparison(request, slug)
    pair, reversed_order = pairs.find_pair(comparison, a, b)
    if pair is None:
        raise Http404("No such pair of strategies in this comparison.")
    if reversed_order:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(
            pair.get_absolute_url() + ("?" + query if query else "")
        )
    table = build_table(comparison, pairs.pair_query(request.GET, pair))
    # The address names the pair: the page's own links need no pick= of their own.
    table.state = table.state.with_pick([])
    template = "comparisons/pair_detail.html"
    if wants_fragment(request):
        template += "#explorer"
    strategies = table.all_strategies
    context = {
        "comparison": comparison,
        "pair": pair,
        "table": table,
        "form_action": request.path,
        "nav": "compare",
        "suggest_links": True,  # each cell links to its correction form (corrections)
        "other_pairs": pairs.other_pairs(pair, strategies),
        "page_data": pairs.page_data(request, pair),
        "trail": pairs.trail(pair),
        # oEmbed consumers (a blog engine given this address) find the pair's embed here.
        # From the state, not the raw query: parameters the page ignores share its cache entry.
        "oembed_url": oembed_link(
            request, request.build_absolute_uri(request.path + table.state.query_string())
        ),
    }
    return render(request, template, context)
