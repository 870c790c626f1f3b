import re
from dataclasses import dataclass
from html import unescape

from django.db import models
from django.urls import reverse
from django.utils import timezone

from . import shortcodes
from .markup import render_markdown

WORDS_PER_MINUTE = 220
HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and not scheduled for later."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


class Article(models.Model):
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
        blank=True,
        help_text="Articles to suggest at the end of this one. Left empty, the newest other "
        "articles are suggested.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        markdown_text, found = shortcodes.extract(self.body)
        self.body_html = shortcodes.restore(render_markdown(markdown_text), found)
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("content:article_detail", args=[self.slug])

    @property
    def reading_minutes(self):
        return max(1, round(len(self.body.split()) / WORDS_PER_MINUTE))

    def table_of_contents(self):
        """The body's h2 and h3 headings, for a list of links at the top of the article."""
        return [
            Heading(int(level), anchor, unescape(TAG.sub("", text)).strip())
            for level, anchor, text in HEADING.findall(self.body_html)
        ]

    def related_articles(self, limit=3):
        chosen = list(self.related.published()[:limit])
        if chosen:
            return chosen
        return list(Article.objects.published().exclude(pk=self.pk)[:limit])

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()


@dataclass
class Heading:
    level: int
    anchor: str
    text: str
