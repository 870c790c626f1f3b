"""The table embed (/embed/compare/<slug>/) and the sizing script its snippet loads."""

import datetime
from functools import cache

from django.conf import settings
from django.http import (
    HttpResponse,
)
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from pagecache.decorators import public_page

from .cache_keys import read_comparison_query
from .citation import cite
from .models import Comparison
from .parameters import (
    CONTROLS,
    DEFAULT_THEME,
    PLAIN,
    SUGGEST,
    THEME,
    TRANSPARENT,
    embed_options,
)
from .table import build_table
from .views import wants_fragment


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


EMBED_TEMPLATE = "comparisons/comparison_embed.html"


def render_embed(request, comparison, table, template=EMBED_TEMPLATE, explorer=True, **context):
    """An embed of `table`, live or pinned (changelog.embed_views), or of a part of it: the
    page or, for htmx, its explorer (when it has one: `explorer`); frameable. `template`
    extends EMBED_TEMPLATE; `context` adds to or overrides what the template gets, such as
    `embed_heading` and `embed_link` (a part's title, and the page its title, source link and
    citation lead to) or `cite_version` and `cite_date` (a pinned version's)."""
    table.state.keep = embed_options(request.GET)
    keep = dict(table.state.keep)
    if explorer and wants_fragment(request):
        template += "#explorer"
    # The attribution links lead to the page as filtered here, without embed-only options.
    page_query = table.state.without_presentation().query_string()
    context = {
        "comparison": comparison,
        "table": table,
        "page_query": page_query,
        "embed_heading": comparison.title,
        "embed_link": comparison.get_absolute_url() + page_query,
        "form_action": request.path,
        "show_controls": keep.get(CONTROLS) != "0",
        "theme": keep.get(THEME, DEFAULT_THEME),
        "transparent": TRANSPARENT in keep,
        "plain": PLAIN in keep,
        # Only where the host asks for them: the form opens on this site, in a new tab.
        "suggest_links": keep.get(SUGGEST) == "1",
        **context,
    }
    context["citation"] = embed_citation(request, comparison, context)
    return frameable(render(request, template, context))


def embed_citation(request, comparison, context):
    """“Cite this” for what the embed shows: the live table's public version and its date (or,
    before any version, when it last changed), unless the view names its own."""
    version = context.get("cite_version", getattr(comparison, "public_version", None))
    date = context.get("cite_date")
    if date is None:
        date = getattr(comparison, "public_updated", None) or context["table"].last_changed
    if isinstance(date, datetime.datetime):
        date = timezone.localdate(date)
    url = request.build_absolute_uri(context["embed_link"])
    return cite(context["embed_heading"], settings.SITE_NAME, url, version, date)


@cache
def _embed_script_source():
    return (settings.BASE_DIR / "static" / "js" / "embed.js").read_bytes()


@public_page(sessionless=True, reads=())
@require_safe
@cache_control(public=True, max_age=3600)
def embed_script(request):
    """The host-side sizing script, at a stable address that snippets can keep using."""
    return HttpResponse(_embed_script_source(), content_type="text/javascript; charset=utf-8")
