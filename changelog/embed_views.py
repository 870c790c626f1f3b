"""The pinned embed: /embed/compare/<slug>/v/<version>/, a comparison as it was at a version.

Drawn from `Version.data` alone (changelog.pinned) by the live embed's table code and
templates, with the same filters, `pick`, `show` and `differences`.

Caching: the table of a version never changes, so the response says
`Cache-Control: public, max-age=31536000, immutable` as the contract asks. The one line that
announces a newer version is the only part that can change. The server renders it as of the
fetch; a copy kept by a browser or CDN is brought up to date by embed-frame.js, which asks
`latest.json` (`latest_version`, revalidated on every use) and shows the line when a newer
version exists. Without JavaScript such a copy shows the line as it was first served.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
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
        latest_url=reverse("changelog:latest", args=[comparison.slug]),
        # "Cite this" names this version and its date, not the live table's.
        cite_version=found.number,
        cite_date=found.created_at,
    )
    # Set whole, not patched: patch_cache_control keeps the smaller of two max-ages.
    response["Cache-Control"] = IMMUTABLE
    return response


@public_page(sessionless=True, reads=())
@require_safe
def latest_version(request, slug):
    """The number of a comparison's newest version, for pinned embeds kept by an immutable
    cache: their script asks here, so the "newer version" line appears even in a copy served
    from the reader's cache. Revalidated on every use (public_page: max-age=0 and an ETag)."""
    comparison = Comparison.objects.published().filter(slug=slug).first()
    latest = latest_number(comparison) if comparison else None
    if latest is None:
        return JsonResponse({"error": "No published comparison with versions here."}, status=404)
    return JsonResponse({"comparison": comparison.slug, "version": latest})
