from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from pagecache.decorators import public_page

from .cache_keys import read_comparison_query
from .embed_builder import build_embed, read_choices
from .map import build_map
from .models import Comparison
from .pairs import pairs_of
from .table import build_table

MAX_PAIRS_LISTED_FOR = 8  # strategies


def visible_comparison(request, slug):
    return get_object_or_404(Comparison.objects.visible_to(request.user), slug=slug)


def wants_fragment(request):
    # A history-restore request rebuilds the whole page, so it gets the whole page.
    return bool(request.htmx) and not request.htmx.history_restore_request


def oembed_link(request, url):
    query = urlencode({"url": url, "format": "json"})
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
    comparison = visible_comparison(request, slug)
    table = build_table(comparison, request.GET)
    # The embed builder's choices: the page's links and forms keep them (table.state.keep).
    choices = read_choices(request.GET, comparison.public_version)
    table.state.keep = choices.params()
    embed = build_embed(request, comparison, table.state, choices)
    template = "comparisons/comparison_detail.html"
    if wants_fragment(request):
        template += "#explorer"
    context = {
        "comparison": comparison,
        "table": table,
        "form_action": request.path,
        "nav": "compare",
        "suggest_links": True,  # each cell links to its correction form (corrections)
        "embed": embed,
        "embed_choices": choices,
        # Downloads and the like: the filtered view, without the builder's choices.
        "view_query": table.state.without_presentation().query_string(),
        # Discovery answers with the snippet the panel shows: same version, same flags.
        "oembed_url": oembed_link(request, embed.url),
        "map": build_map(table),
        # Every pair while the list stays short (8 strategies: 28 pairs); the sitemap has all.
        "pairs": pairs_of(comparison, table.all_strategies)
        if len(table.all_strategies) <= MAX_PAIRS_LISTED_FOR
        else [],
    }
    return render(request, template, context)
