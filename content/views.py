from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from pagecache.decorators import public_page

from . import search as search_module
from . import shortcodes
from .models import Article


@public_page
@require_safe
def article_list(request):
    articles = Article.objects.published().only("title", "slug", "summary", "published_at")
    return render(request, "content/article_list.html", {"articles": articles, "nav": "articles"})


@public_page
@require_safe
def article_detail(request, slug):
    queryset = Article.objects.all()
    if not (request.user.is_authenticated and request.user.is_staff):
        queryset = Article.objects.published()
    article = get_object_or_404(queryset, slug=slug)
    context = {
        "article": article,
        "nav": "articles",
        "parts": shortcodes.resolve(shortcodes.split(article.body_html)),
        "toc": article.table_of_contents(),
        "related": article.related_articles(),
    }
    return render(request, "content/article_detail.html", context)


@public_page
@require_safe
def search(request):
    query, shortened = search_module.clean_query(request.GET.get("q", ""))
    results = search_module.search(query) if query else []
    context = {
        "query": query,
        "shortened": shortened,
        "results": results,
        "max_length": search_module.MAX_QUERY_LENGTH,
        "nav": "search",
    }
    return render(request, "content/search.html", context)
