"""The Atom feed of published articles, newest first, at /feed/."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from content.models import Article

FEED_LENGTH = 30


class ArticleFeed(Feed):
    feed_type = Atom1Feed
    title = f"{settings.SITE_NAME}: articles"
    subtitle = (
        "New plain-English articles on outsourcing, offshoring, nearshoring, out-staffing "
        "and the other ways of sourcing work."
    )
    author_name = settings.SITE_NAME

    def link(self):
        return reverse("content:article_list")

    def feed_url(self):
        return reverse("feed")

    def items(self):
        # published() hides drafts and articles scheduled for later; ordered newest first.
        return Article.objects.published().only(
            "title", "slug", "summary", "published_at", "updated_at"
        )[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # Atom's <summary type="html"> holds HTML; the summary is plain text.
        return escape(article.summary)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.last_modified
