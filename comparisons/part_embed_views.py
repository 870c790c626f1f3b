"""Embeds of a part of a comparison: a pair (/embed/compare/<slug>/<a>-vs-<b>/) and the map
(/embed/compare/<slug>/map/).

Both are the table embed (comparisons.embed_views) with another body: the same framing
policy, no cookies, the same caching, sizing script, themes and attribution, through
`render_embed`. Each names its own heading and the page its title and citation point to
(`embed_heading`, `embed_link`): the pair page, or the comparison page for the map.
"""

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from pagecache.decorators import public_page

from . import pairs
from .cache_keys import read_comparison_query
from .embed_views import frameable, render_embed
from .map import build_map
from .models import Comparison
from .table import build_table

PAIR_TEMPLATE = "comparisons/pair_embed.html"
MAP_TEMPLATE = "comparisons/map_embed.html"


def map_heading(comparison):
    return f"Map: {comparison.title}"


def pair_embed_path(pair):
    kwargs = {"slug": pair.comparison.slug, "a": pair.first.slug, "b": pair.second.slug}
    return reverse("comparisons:pair_embed", kwargs=kwargs)


def pair_table(comparison, pair, querydict):
    """The pair's table as `querydict` filters it; its links need no pick=, the address names
    the pair (as on the pair page)."""
    table = build_table(comparison, pairs.pair_query(querydict, pair))
    table.state = table.state.with_pick([])
    return table


def _page_query(table):
    # The state as a page shows it: the filters, without the embed's own flags.
    return table.state.without_presentation().query_string()


def _missing(request, heading, message):
    # Inside someone else's page, like the table embed's 404: frameable, and says what happened.
    context = {"heading": heading, "message": message}
    return frameable(render(request, "comparisons/part_embed_missing.html", context, status=404))


def _published(slug):
    return Comparison.objects.published().filter(slug=slug).first()


# Stateless and CSRF-exempt like the table embed (comparisons.embed_views.comparison_embed).
@csrf_exempt
@public_page(sessionless=True, reads=read_comparison_query)
@require_safe
@vary_on_headers("HX-Request")
def pair_embed(request, slug, a, b):
    comparison = _published(slug)
    pair, reversed_order = pairs.find_pair(comparison, a, b) if comparison else (None, False)
    if pair is None:
        return _missing(
            request,
            "This comparison is not available",
            "The table or one of its two strategies may have been renamed or withdrawn.",
        )
    if reversed_order:
        # One address per pair, as for the pair page; the filters travel along.
        query = request.META.get("QUERY_STRING", "")
        target = pair_embed_path(pair) + ("?" + query if query else "")
        return frameable(HttpResponsePermanentRedirect(target))
    table = pair_table(comparison, pair, request.GET)
    return render_embed(
        request,
        comparison,
        table,
        template=PAIR_TEMPLATE,
        pair=pair,
        embed_heading=pair.title,
        embed_link=pair.get_absolute_url() + _page_query(table),
    )


@csrf_exempt
@public_page(sessionless=True, reads=read_comparison_query)
@require_safe
@vary_on_headers("HX-Request")
def map_embed(request, slug):
    comparison = _published(slug)
    table = build_table(comparison, request.GET) if comparison else None
    drawing = build_map(table) if table else None
    if drawing is None:
        return _missing(
            request,
            "This map is not available",
            "The table may have been renamed or withdrawn, or it no longer has a map.",
        )
    return render_embed(
        request,
        comparison,
        table,
        template=MAP_TEMPLATE,
        explorer=False,  # no filters inside: each box opens the filtered table in a new tab
        map=drawing,
        embed_heading=map_heading(comparison),
        embed_link=comparison.get_absolute_url() + _page_query(table),
    )
