from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from comparisons.models import Comparison
from content.models import Article

FEATURED_COMPARISON = "outsourcing-vs-offshoring"


@require_safe
def home(request):
    comparisons = list(Comparison.objects.published())
    featured = next((c for c in comparisons if c.slug == FEATURED_COMPARISON), None)
    articles = Article.objects.published().only("title", "slug", "summary", "published_at")[:6]
    context = {"featured": featured, "comparisons": comparisons, "articles": articles}
    return render(request, "home.html", context)


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", content_type="text/plain", status=503)
    return HttpResponse("ok\n", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors or database here: the error may be the database itself.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
