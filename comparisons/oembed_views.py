"""oEmbed: /oembed/?url=... for the address of a comparison page, a pair page or an embed
(of the table, a version of it, a pair or the map)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import (
    HttpResponse,
    JsonResponse,
    QueryDict,
)
from django.http.request import split_domain_port, validate_host
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.http import require_safe

from pagecache.decorators import public_page

from . import embeds, pairs, part_embed_views, pinning
from .map import build_map
from .models import Comparison
from .parameters import embed_options
from .table import build_table

# What the comparison URLs that oEmbed answers for are named (comparisons.urls).
EMBEDDABLE = ("detail", "embed", "pair", "pair_embed", "map_embed")


def _positive_int(value):
    if value is None:
        return None
    # isascii: str.isdigit() also accepts digits of other scripts, which int() reads.
    if not (value.isascii() and value.isdigit()) or len(value) > 6 or int(value) == 0:
        raise ValueError(value)
    return int(value)


def _comparison_for_url(request, url):
    """The published comparison, query, pinned version (None for the live table) and resolver
    match of a page, embed, pinned embed, pair page or part embed URL of this site."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(url)
    host, _port = split_domain_port(parts.netloc)
    if not validate_host(host, settings.ALLOWED_HOSTS):
        return None, None, None, None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None, None, None, None
    pinned = pinning.embed_version(match)  # a pinned embed URL (changelog), else None
    if pinned is None and (match.namespace != "comparisons" or match.url_name not in EMBEDDABLE):
        return None, None, None, None
    comparison = Comparison.objects.published().filter(slug=match.kwargs["slug"]).first()
    return comparison, QueryDict(parts.query), pinned, match


def _embedded(comparison, query, pinned, match):
    """(title, embed path, table) of the embed that a URL stands for; the path is None for the
    table embed. None when that version, pair or map does not exist."""
    if pinned:
        grid = pinning.grid(comparison, pinned)
        if grid is None:
            return None
        # The version's own title, as its embed and its JSON say, not today's.
        title = grid.data.get("comparison", {}).get("title") or comparison.title
        path = pinning.embed_path(comparison, pinned)
        return title, path, build_table(comparison, query, grid=grid)
    if match.url_name in ("pair", "pair_embed"):
        pair, _other_order = pairs.find_pair(comparison, match.kwargs["a"], match.kwargs["b"])
        if pair is None:
            return None
        table = part_embed_views.pair_table(comparison, pair, query)
        return pair.title, part_embed_views.pair_embed_path(pair), table
    table = build_table(comparison, query)
    if match.url_name == "map_embed":
        if build_map(table) is None:
            return None
        path = reverse("comparisons:map_embed", args=[comparison.slug])
        return part_embed_views.map_heading(comparison), path, table
    return comparison.title, None, table


def _oembed_error(status, message):
    return HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")


@public_page(sessionless=True, reads=("format", "url", "maxwidth", "maxheight"))
@require_safe
def oembed(request):
    """oEmbed (type "rich") for a comparison page, pair page or embed URL: https://oembed.com/."""
    if (request.GET.get("format") or "json") != "json":
        return _oembed_error(501, "Only format=json is available.")
    url = request.GET.get("url", "").strip()
    if not url or len(url) > 2000:
        return _oembed_error(400, "Give the address of a comparison page as ?url=.")
    try:
        maxwidth = _positive_int(request.GET.get("maxwidth"))
        maxheight = _positive_int(request.GET.get("maxheight"))
        comparison, query, pinned, match = _comparison_for_url(request, url)
    except ValueError:
        return _oembed_error(
            400,
            "maxwidth and maxheight must be positive whole numbers, and url an http(s) address.",
        )
    embedded = _embedded(comparison, query, pinned, match) if comparison else None
    if embedded is None:
        return _oembed_error(404, "No published comparison at that address.")

    title, embed_path, table = embedded
    table.state.keep = embed_options(query)
    width = min(maxwidth or 800, 800)
    height = min(maxheight or embeds.DEFAULT_HEIGHT, embeds.DEFAULT_HEIGHT)
    data = {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "provider_name": settings.SITE_NAME,
        "provider_url": request.build_absolute_uri("/"),
        "width": width,
        "height": height,
        "html": embeds.snippet(
            request,
            comparison,
            table.state,
            height=height,
            width=width,
            path=embed_path,
            # The map is a figure, not a table; a pair or version names itself.
            title=title if match.url_name == "map_embed" else embeds.frame_title(title),
        ),
        "cache_age": 3600,
        # The table's own version (oEmbed's `version` is the protocol's): the pinned one, or
        # the current public version for a live URL.
        "comparison_version": pinned or comparison.public_version,
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
