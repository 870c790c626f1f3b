"""The pinned embed: /embed/compare/<slug>/v/<version>/, a comparison as it was at a version.

Drawn from `Version.data` alone (changelog.pinned) by the live embed's table code and
templates, with the same filters, `pick`, `show` and `differences`.

Caching: the table of a version never changes, so the response says
`Cache-Control: public, max-age=31536000, immutable` as the contract asks. The one line that
announces a newer version is the only part that can change; it is accurate as of the fetch
(the page cache's key holds the content version, which every save bumps, so the server renders
it afresh at once), but a browser or CDN that kept an earlier copy shows it without the line
until that copy leaves its cache. We accept that: the table, what embedders pin, is exact for
ever; the notice is a courtesy, and the live embed and the change log always say what is new.
"""

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from comparisons import pinning
from comparisons.cache_keys import read_comparison_query
from comparisons.models import Comparison
from comparisons.parameters import CONTROLS, DEFAULT_THEME, THEME
from comparisons.table import build_table
from comparisons.views import embed_options, frameable, wants_fragment
from pagecache.decorators import public_page

from .pinned import PinnedGrid, find_version, latest_number, pinned_comparison

IMMUTABLE = "public, max-age=31536000, immutable"


def _missing(request, comparison, number):
    response = render(
        request,
        "changelog/pinned_missing.html",
        {"comparison": comparison, "number": number},
        status=404,
    )
    # Frameable like the live embed's 404, kept briefly: the version may be published later.
    return frameable(response)


# Stateless and CSRF-exempt like the live embed (comparisons.views.comparison_embed).
@csrf_exempt
@public_page(sessionless=True, reads=read_comparison_query)
@require_safe
@vary_on_headers("HX-Request")
def pinned_embed(request, slug, version):
    comparison = Comparison.objects.published().filter(slug=slug).first()
    number = pinning.parse_number(version)
    found = find_version(comparison, number) if comparison else None
    if found is None:
        return _missing(request, comparison, number)
    pinned = pinned_comparison(comparison, found)
    table = build_table(comparison, request.GET, grid=PinnedGrid(found.data))
    table.state.keep = embed_options(request.GET)
    keep = dict(table.state.keep)
    latest = latest_number(comparison)
    template = "comparisons/comparison_embed.html"
    if wants_fragment(request):
        template += "#explorer"
    context = {
        "comparison": pinned,
        "table": table,
        "page_query": table.state.without_presentation().query_string(),
        "form_action": request.path,
        "show_controls": keep.get(CONTROLS) != "0",
        "theme": keep.get(THEME, DEFAULT_THEME),
        # No correction links: a version is history, corrections go to the live table.
        "suggest_links": False,
        "newer_version": latest if latest and latest > found.number else None,
    }
    response = frameable(render(request, template, context))
    # Set whole, not patched: patch_cache_control keeps the smaller of two max-ages.
    response["Cache-Control"] = IMMUTABLE
    return response
