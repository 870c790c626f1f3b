"""The sitemap at /sitemap.xml: section pages, then every public article, table and term.

Addresses are absolute, built from the request's scheme and host (no django.contrib.sites).
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from comparisons.models import Cell, Comparison, Dimension, Strategy
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


def _latest(queryset):
    return Subquery(queryset.order_by("-updated_at").values("updated_at")[:1])


class ComparisonSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        # A table's text lives in its cells, strategies and dimensions, which are shared
        # between tables: the page changed when any of them did.
        return (
            Comparison.objects.published()
            .only("slug", "updated_at")
            .annotate(
                strategies_updated=_latest(Strategy.objects.filter(comparisons=OuterRef("pk"))),
                dimensions_updated=_latest(Dimension.objects.filter(comparisons=OuterRef("pk"))),
                cells_updated=_latest(
                    Cell.objects.filter(
                        strategy__comparisons=OuterRef("pk"),
                        dimension__comparisons=OuterRef("pk"),
                    )
                ),
            )
        )

    def lastmod(self, comparison):
        dates = [
            comparison.updated_at,
            comparison.strategies_updated,
            comparison.dimensions_updated,
            comparison.cells_updated,
        ]
        return max(date for date in dates if date is not None)


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
