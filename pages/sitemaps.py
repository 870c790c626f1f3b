"""The sitemap at /sitemap.xml: section pages, then every public article, table and term.

Addresses are absolute, built from the request's scheme and host (no django.contrib.sites).
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from comparisons.grid import live_grid
from comparisons.models import Comparison
from comparisons.pairs import pairs_of, strategies_of
from content.models import Article
from glossary.models import Term


class SectionSitemap(Sitemap):
    """Home and the list pages. Search results are left out on purpose."""

    changefreq = "weekly"

    def items(self):
        return ["home", "content:article_list", "comparisons:list", "glossary:list"]

    def location(self, item):
        return reverse(item)


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        # Drafts and articles scheduled for later are not public, so not listed.
        return Article.objects.published().only("slug", "published_at", "updated_at")

    def lastmod(self, article):
        return article.last_modified


class ComparisonSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Comparison.objects.published().only("slug", "updated_at")

    def lastmod(self, comparison):
        # As the page says it (comparisons.last_changed), from its grid kept per content version.
        return live_grid(comparison).last_changed


class PairSitemap(ComparisonSitemap):
    """Every pair page of every published comparison, as fresh as its comparison."""

    def items(self):
        return [
            (comparison, pair)
            for comparison in super().items()
            for pair in pairs_of(comparison, strategies_of(comparison))
        ]

    def location(self, item):
        return item[1].get_absolute_url()

    def lastmod(self, item):
        return super().lastmod(item[0])


class TermSitemap(Sitemap):
    """Glossary terms: every term is public (the model has no draft state)."""

    changefreq = "monthly"

    def items(self):
        return Term.objects.only("slug", "updated_at")

    def lastmod(self, term):
        return term.updated_at


SITEMAPS = {
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "comparisons": ComparisonSitemap,
    "pairs": PairSitemap,
    "glossary": TermSitemap,
}
