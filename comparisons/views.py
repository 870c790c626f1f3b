import json
from functools import cache
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    QueryDict,
)
from django.http.request import split_domain_port, validate_host
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from pagecache.decorators import public_page

from . import embeds, exports, pinning
from .cache_keys import read_comparison_query
from .last_changed import with_last_changed
from .map import build_map
from .models import Comparison
from .pairs import pairs_of
from .parameters import CONTROLS, DEFAULT_THEME, SUGGEST, THEME, THEMES
from .table import build_table

MAX_PAIRS_LISTED_FOR = 8  # strategies


def visible_comparison(request, slug):
    return get_object_or_404(Comparison.objects.visible_to(request.user), slug=slug)


def _public_comparison(slug):
    # Exports and embeds are public artefacts: they never show a draft, even to staff.
    return get_object_or_404(Comparison.objects.published(), slug=slug)


def wants_fragment(request):
    # A history-restore request rebuilds the whole page, so it gets the whole page.
    return bool(request.htmx) and not request.htmx.history_restore_request


def _oembed_link(request, page_path):
    query = urlencode({"url": request.build_absolute_uri(page_path), "format": "json"})
    return request.build_absolute_uri(reverse("oembed")) + "?" + query


@public_page(reads=())
@require_safe
def comparison_list(request):
    comparisons = Comparison.objects.published()
    context = {"comparisons": comparisons, "nav": "compare"}
    return render(request, "comparisons/comparison_list.html", context)


@public_page(reads=read_comparison_query)
@require_safe
@vary_on_headers("HX-Request")
def comparison_detail(request, slug):
    # With `last_changed` for the page's “Last changed” line (same query).
    comparisons = with_last_changed(Comparison.objects.visible_to(request.user))
    comparison = get_object_or_404(comparisons, slug=slug)
    table = build_table(comparison, request.GET)
    template = "comparisons/comparison_detail.html"
    if wants_fragment(request):
        template += "#explorer"
    context = {
        "comparison": comparison,
        "table": table,
        "form_action": request.path,
        "nav": "compare",
        "suggest_links": True,  # each cell links to its correction form (corrections)
        "embed_snippet": embeds.snippet(request, comparison, table.state),
        "embed_url": embeds.embed_url(request, comparison, table.state),
        "oembed_url": _oembed_link(request, request.path + table.state.query_string()),
        "map": build_map(table),
        # Every pair while the list stays short (8 strategies: 28 pairs); the sitemap has all.
        "pairs": pairs_of(comparison, table.all_strategies)
        if len(table.all_strategies) <= MAX_PAIRS_LISTED_FOR
        else [],
    }
    return render(request, template, context)


def embed_options(querydict):
    """The presentation parameters of an embed, as (name, value) pairs to keep in its links."""
    keep = []
    theme = querydict.get(THEME)
    if theme in THEMES and theme != DEFAULT_THEME:
        keep.append((THEME, theme))
    if querydict.get(CONTROLS) == "0":
        keep.append((CONTROLS, "0"))
    if querydict.get(SUGGEST) == "1":
        keep.append((SUGGEST, "1"))
    return keep


def frameable(response):
    """Lets any site in EMBED_FRAME_ANCESTORS frame this response, and any cache keep it."""
    # Read per response, not at import, so the setting can change without a code change.
    response._csp_replace = {"frame-ancestors": settings.EMBED_FRAME_ANCESTORS or ["https:"]}
    response.xframe_options_exempt = True
    patch_cache_control(response, public=True, max_age=settings.EMBED_MAX_AGE)
    return response


# No form on it posts anywhere but itself with GET, so CSRF has nothing to protect; exempt,
# a stray POST gets a plain 405 instead of a CSRF page, and no CSRF cookie is ever set.
@csrf_exempt
@public_page(sessionless=True, reads=read_comparison_query)
@require_safe
@vary_on_headers("HX-Request")
def comparison_embed(request, slug):
    # Stateless on purpose: no session or user lookup, so no cookie and no Vary: Cookie.
    comparison = Comparison.objects.published().filter(slug=slug).first()
    if comparison is None:
        # Shown inside someone else's page, so it must be frameable too, and say what happened.
        response = render(request, "comparisons/embed_missing.html", status=404)
        return frameable(response)
    table = build_table(comparison, request.GET)
    return render_embed(request, comparison, table)


def render_embed(request, comparison, table, **context):
    """An embed of `table`, live or pinned (changelog.embed_views): the page or, for htmx,
    its explorer; frameable. `context` adds to or overrides what the template gets."""
    table.state.keep = embed_options(request.GET)
    keep = dict(table.state.keep)
    template = "comparisons/comparison_embed.html"
    if wants_fragment(request):
        template += "#explorer"
    context = {
        "comparison": comparison,
        "table": table,
        # The attribution link leads to the page as filtered here, without embed-only options.
        "page_query": table.state.without_presentation().query_string(),
        "form_action": request.path,
        "show_controls": keep.get(CONTROLS) != "0",
        "theme": keep.get(THEME, DEFAULT_THEME),
        # Only where the host asks for them: the form opens on this site, in a new tab.
        "suggest_links": keep.get(SUGGEST) == "1",
        **context,
    }
    return frameable(render(request, template, context))


@cache
def _embed_script_source():
    return (settings.BASE_DIR / "static" / "js" / "embed.js").read_bytes()


@public_page(sessionless=True, reads=())
@require_safe
@cache_control(public=True, max_age=3600)
def embed_script(request):
    """The host-side sizing script, at a stable address that snippets can keep using."""
    return HttpResponse(_embed_script_source(), content_type="text/javascript; charset=utf-8")


def _positive_int(value):
    if value is None:
        return None
    # isascii: str.isdigit() also accepts digits of other scripts, which int() reads.
    if not (value.isascii() and value.isdigit()) or len(value) > 6 or int(value) == 0:
        raise ValueError(value)
    return int(value)


def _comparison_for_url(request, url):
    """The published comparison, query and pinned version (None for the live table) a page,
    embed or pinned embed URL of this site points to."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(url)
    host, _port = split_domain_port(parts.netloc)
    if not validate_host(host, settings.ALLOWED_HOSTS):
        return None, None, None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None, None, None
    pinned = pinning.embed_version(match)  # a pinned embed URL (changelog), else None
    if pinned is None and (
        match.namespace != "comparisons" or match.url_name not in ("detail", "embed")
    ):
        return None, None, None
    comparison = Comparison.objects.published().filter(slug=match.kwargs["slug"]).first()
    return comparison, QueryDict(parts.query), pinned


def _oembed_error(status, message):
    return HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")


@public_page(sessionless=True, reads=("format", "url", "maxwidth", "maxheight"))
@require_safe
def oembed(request):
    """oEmbed (type "rich") for a comparison page or embed URL: https://oembed.com/."""
    if (request.GET.get("format") or "json") != "json":
        return _oembed_error(501, "Only format=json is available.")
    url = request.GET.get("url", "").strip()
    if not url or len(url) > 2000:
        return _oembed_error(400, "Give the address of a comparison page as ?url=.")
    try:
        maxwidth = _positive_int(request.GET.get("maxwidth"))
        maxheight = _positive_int(request.GET.get("maxheight"))
        comparison, query, pinned = _comparison_for_url(request, url)
    except ValueError:
        return _oembed_error(
            400,
            "maxwidth and maxheight must be positive whole numbers, and url an http(s) address.",
        )
    grid = pinning.grid(comparison, pinned) if comparison and pinned else None
    if comparison is None or (pinned and grid is None):
        return _oembed_error(404, "No published comparison at that address.")

    table = build_table(comparison, query, grid=grid)
    table.state.keep = embed_options(query)
    embed_path = pinning.embed_path(comparison, pinned) if pinned else None
    width = min(maxwidth or 800, 800)
    height = min(maxheight or embeds.DEFAULT_HEIGHT, embeds.DEFAULT_HEIGHT)
    data = {
        "version": "1.0",
        "type": "rich",
        "title": comparison.title,
        "provider_name": settings.SITE_NAME,
        "provider_url": request.build_absolute_uri("/"),
        "width": width,
        "height": height,
        "html": embeds.snippet(
            request, comparison, table.state, height=height, width=width, path=embed_path
        ),
        "cache_age": 3600,
        # The table's own version (oEmbed's `version` is the protocol's): the pinned one, or
        # the current public version for a live URL.
        "comparison_version": pinned or comparison.public_version,
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _export_table(request, slug, grid=None):
    comparison = _public_comparison(slug)
    table = build_table(comparison, request.GET, grid=grid)
    if table.unknown:
        return comparison, None, exports.invalid_filters_message(table)
    return comparison, table, None


def _json_error(status, message):
    response = JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    return _allow_any_origin(response)


def _allow_any_origin(response):
    # The data is public; any site may fetch it from the browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@public_page(sessionless=True, reads=read_comparison_query)
@require_safe
def comparison_json(request, slug):
    # ?version=<n>: that version's data (changelog), filtered like the live table.
    grid = None
    if "version" in request.GET:
        number = pinning.parse_number(request.GET["version"])
        if number is None:
            return _json_error(400, "version must be a positive whole number.")
        grid = pinning.grid(_public_comparison(slug), number)
        if grid is None:
            return _json_error(404, f"This comparison has no version {number}.")
    _comparison, table, error = _export_table(request, slug, grid)
    if error:
        return _json_error(400, error)
    data = exports.as_dict(table, request)
    if grid is not None:
        # The version's own title, number and dates, not today's.
        data["comparison"] = {"url": data["comparison"]["url"], **grid.data["comparison"]}
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    return _allow_any_origin(response)


@public_page(sessionless=True, reads=read_comparison_query)
@require_safe
def comparison_csv(request, slug):
    comparison, table, error = _export_table(request, slug)
    if error:
        response = HttpResponseBadRequest(error, content_type="text/plain; charset=utf-8")
        return _allow_any_origin(response)
    response = HttpResponse(exports.as_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{comparison.slug}.csv"'
    return _allow_any_origin(response)
