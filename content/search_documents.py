"""Articles in the site search: published ones, scheduled ones from their publication date."""

from editorial.search.providers import Document, Provider, Scope, html_text

from .models import Article

KIND = "article"


def documents(scope):
    articles = Article.objects.filter(status=Article.Status.PUBLISHED)
    if scope.group is not None:
        articles = articles.filter(pk=int(scope.group))
    for article in articles.only("title", "slug", "summary", "body_html", "published_at"):
        yield Document(
            key=str(article.pk),
            group=str(article.pk),
            title=article.title,
            url=article.get_absolute_url(),
            passages=(article.summary, html_text(article.body_html)),
            visible_from=article.published_at,
        )


def scopes(instance):
    if isinstance(instance, Article):
        return [Scope(str(instance.pk))]
    return []


PROVIDER = Provider(KIND, "Article", documents, scopes, priority=3)
