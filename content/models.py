from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from editorial.publishing import PublishableQuerySet
from editorial.registry import content_model
from editorial.rendering import Markdown, RendersMarkdown
from editorial.versioning import Versioned

WORDS_PER_MINUTE = 220


class ArticleQuerySet(PublishableQuerySet):
    def published(self):
        """What the public may see: published, and not scheduled for later."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published, but dated later: public from `published_at` on, without a save."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())


@content_model(scheduled_by="published_at")
class Article(RendersMarkdown, Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the article's address, as in /articles/this-slug/. "
        "Changing it breaks links readers have saved.",
    )
    summary = models.CharField(
        max_length=300,
        help_text="One or two sentences shown in article lists and as the page description "
        "for search engines.",
    )
    body = models.TextField(
        help_text="Markdown. Use ## for section headings, [text](/compare/...) for links, "
        "and | pipes | for tables. Raw HTML and scripts are removed.",
    )
    body_html = models.TextField(editable=False, blank=True)
    toc = models.JSONField(
        "table of contents",
        default=list,
        editable=False,
        blank=True,
        help_text="The body's h2 and h3 headings, stored when it is rendered.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Drafts are visible only to staff, with a draft banner.",
    )
    published_at = models.DateTimeField(
        default=timezone.now,
        db_index=True,
        help_text="Publication date shown to readers. A future date keeps the article hidden "
        "until then.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    related = models.ManyToManyField(
        "self",
        through="SuggestedArticle",
        through_fields=("article", "suggested"),
        symmetrical=False,
        blank=True,
        related_name="suggested_by",
        help_text="Articles to suggest at the end of this one, in their order. Left empty, the "
        "newest other articles are suggested.",
    )
    sources = models.ManyToManyField(
        "sources.Source", through="ArticleSource", blank=True, related_name="articles"
    )

    objects = ArticleQuerySet.as_manager()
    # Revisions for the admin's History page and its Revert. Left out: HTML (derived, rendered
    # again when a revert saves), the date, and the version, which simple-history then reads
    # from the current row, so a revert form is not itself mistaken for an outdated form.
    # Suggestions (`related`) are not kept: they are rows of their own (SuggestedArticle), edited
    # with the article but not part of its revisions.
    history = HistoricalRecords(excluded_fields=["body_html", "toc", "updated_at", "version"])
    # [[compare ...]] lines become live tables (comparisons.live_tables).
    markdown_fields = [Markdown("body", "body_html", toc="toc", shortcodes=True)]

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("content:article_detail", args=[self.slug])

    @property
    def last_modified(self):
        # A scheduled article may be edited before it appears: never "updated" before "published".
        return max(self.updated_at, self.published_at)

    @property
    def reading_minutes(self):
        return max(1, round(len(self.body.split()) / WORDS_PER_MINUTE))

    def table_of_contents(self):
        """The body's h2 and h3 headings, for a list of links at the top of the article."""
        return [Heading(h["level"], h["id"], h["name"]) for h in self.toc]

    def related_articles(self, limit=3):
        links = self.suggestion_links.filter(suggested__in=Article.objects.published())
        chosen = [link.suggested for link in links.select_related("suggested")[:limit]]
        if chosen:
            return chosen
        return list(Article.objects.published().exclude(pk=self.pk)[:limit])

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    def source_list(self):
        """The sources the article cites, in their order (one query)."""
        links = self.source_links.select_related("source").order_by("order", "id")
        return [link.source for link in links]


@content_model
class ArticleSource(models.Model):
    """A source an article cites; `order` numbers the article's list of sources."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="source_links")
    source = models.ForeignKey(
        "sources.Source", on_delete=models.CASCADE, related_name="article_links"
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first in the article's list of sources."
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "source of the article"
        verbose_name_plural = "sources of the article"
        constraints = [
            models.UniqueConstraint(fields=["article", "source"], name="source_once_per_article"),
        ]

    def __str__(self):
        return f"{self.article} / {self.source}"


@content_model
class SuggestedArticle(models.Model):
    """An article suggested at the end of another, in the order `order` gives.

    One way: each article orders its own list. (Before suggestions had an order they were a
    symmetrical link; the migration keeps its rows, so each old pair is two suggestions.)
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="suggestion_links")
    suggested = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are suggested first."
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "suggested article"
        verbose_name_plural = "suggested articles"
        # The link table of the old many-to-many field, kept with its rows and unique index.
        unique_together = [("article", "suggested")]

    def __str__(self):
        return f"{self.article} / {self.suggested}"

    def clean(self):
        if self.article_id is not None and self.article_id == self.suggested_id:
            raise ValidationError(
                {"suggested": "An article cannot suggest itself."}, code="suggests_itself"
            )


@dataclass
class Heading:
    level: int
    anchor: str
    text: str
