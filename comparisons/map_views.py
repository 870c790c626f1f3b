"""/compare/<slug>/map.svg: a comparison's map as an SVG image (comparisons.map)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from pagecache.decorators import public_page

from .cache_keys import read_comparison_query
from .map import build_map
from .table import build_table
from .views import visible_comparison

CONTENT_TYPE = "image/svg+xml; charset=utf-8"


@public_page(reads=read_comparison_query)
@require_safe
def comparison_map(request, slug):
    """The map as the comparison page shows it with the same query: pick and filters apply.
    A comparison without a map, or with a broken one (an axis no longer a row), is a 404."""
    comparison = visible_comparison(request, slug)
    drawing = build_map(build_table(comparison, request.GET))
    if drawing is None:
        raise Http404("This comparison has no map.")
    context = {"map": drawing, "inline": False}
    return render(request, "comparisons/map.svg", context, content_type=CONTENT_TYPE)
