"""Site-wide pages: home, search, robots.txt, the health check and the error pages."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from comparisons.models import Comparison
from content.models import Article
from pagecache.decorators import public_page

from . import search as search_module

FEATURED_COMPARISON = "outsourcing-vs-offshoring"


@public_page(reads=())
@require_safe
def home(request):
    comparisons = list(Comparison.objects.published())
    featured = next((c for c in comparisons if c.slug == FEATURED_COMPARISON), None)
    articles = Article.objects.published().only("title", "slug", "summary", "published_at")[:6]
    context = {"featured": featured, "comparisons": comparisons, "articles": articles}
    return render(request, "home.html", context)


@public_page(reads=("q",))
@require_safe
def search(request):
    query, shortened = search_module.clean_query(request.GET.get("q", ""))
    answer = search_module.search(query) if query else search_module.Answer()
    context = {
        "query": query,
        "shortened": shortened,
        "results": answer.hits,
        "suggestions": answer.suggestions,
        "words_dropped": answer.words_dropped,
        "max_length": search_module.MAX_QUERY_LENGTH,
        "max_words": search_module.MAX_WORDS,
        "nav": "search",
    }
    return render(request, "pages/search.html", context)


@public_page(sessionless=True, reads=())
@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        # Embed pages stay crawlable: their canonical link names the full comparison page,
        # which is how a search engine learns they are the same table, not a duplicate.
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


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


def _standalone(template_name):
    """An error page rendered without the request or its context processors: a bad request
    may have a bad Host header (absolute URLs would raise again), and a server error may be
    the database itself."""
    return loader.get_template(template_name).render({"SITE_NAME": settings.SITE_NAME})


def bad_request(request, exception=None):
    return HttpResponseBadRequest(_standalone("400.html"))


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    return render(request, "403.html", {"csrf_failed": True}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return HttpResponse(_standalone("500.html"), status=500)
