from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from comparisons.models import Comparison
from content.models import Article
from pagecache.decorators import public_page

FEATURED_COMPARISON = "outsourcing-vs-offshoring"


@public_page
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


def bad_request(request, exception=None):
    # Rendered without the request: a bad request may have a bad Host header, and anything
    # that asks for the host (absolute URLs) would raise again and turn this into a 500.
    return HttpResponseBadRequest(loader.get_template("400.html").render())


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    return render(request, "403.html", {"csrf_failed": True}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors or database here: the error may be the database itself.
    return HttpResponse(loader.get_template("500.html").render(), status=500)
