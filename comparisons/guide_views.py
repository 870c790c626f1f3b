"""The "Which fits me?" guide page: a plain GET form, one question per step, enhanced by htmx."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from pagecache.decorators import public_page

from .cache_keys import read_comparison_query
from .guide import build_guide
from .views import visible_comparison, wants_fragment


@public_page(reads=read_comparison_query)
@require_safe
@vary_on_headers("HX-Request")
def guide(request, slug):
    comparison = visible_comparison(request, slug)
    guide = build_guide(
        comparison,
        request.GET,
        guide_url=reverse("comparisons:guide", args=[comparison.slug]),
        table_path=comparison.get_absolute_url(),
    )
    template = "comparisons/guide.html"
    if wants_fragment(request):
        template += "#guide"
    context = {"comparison": comparison, "guide": guide, "nav": "compare"}
    return render(request, template, context)
