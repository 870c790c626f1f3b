from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from comparisons.live_tables import resolve
from editorial import shortcodes
from pagecache.decorators import public_page

from .models import Article


@public_page(reads=())
@require_safe
def article_list(request):
    articles = Article.objects.published().only("title", "slug", "summary", "published_at")
    return render(request, "content/article_list.html", {"articles": articles, "nav": "articles"})


@public_page(reads=())
@require_safe
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.visible_to(request.user), slug=slug)
    context = {
        "article": article,
        "nav": "articles",
        "parts": resolve(shortcodes.split(article.body_html)),
        "toc": article.table_of_contents(),
        "related": article.related_articles(),
        "sources": article.source_list(),
    }
    return render(request, "content/article_detail.html", context)
