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
from comparisons.embed_views import frameable, render_embed
from comparisons.models import Comparison
from comparisons.table import build_table
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


# Stateless and CSRF-exempt like the live embed (comparisons.embed_views.comparison_embed).
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
    latest = latest_number(comparison)
    response = render_embed(
        request,
        pinned,
        table,
        # No correction links: a version is history, corrections go to the live table.
        suggest_links=False,
        newer_version=latest if latest and latest > found.number else None,
        # "Cite this" names this version and its date, not the live table's.
        cite_version=found.number,
        cite_date=found.created_at,
    )
    # Set whole, not patched: patch_cache_control keeps the smaller of two max-ages.
    response["Cache-Control"] = IMMUTABLE
    return response
