import re
from dataclasses import dataclass
from html import unescape

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from glossary.linking import link_terms

from . import shortcodes
from .markup import render_markdown

WORDS_PER_MINUTE = 220
HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")


class EditConflict(Exception):
    """A save from an outdated copy: someone else saved the same row after it was read."""


class Versioned(models.Model):
    """Optimistic locking for what editors change in the admin.

    `version` counts editors' saves. An edit form carries the version it was opened at (a
    hidden field); its clean() refuses a stale one with `conflict_message()` and save()
    refuses it again in the database, so a second editor never silently overwrites the first.

    A save whose update_fields leave out "version" is housekeeping, not an edit (re-rendering
    stored HTML after a glossary change rewrites nothing an editor typed): it neither checks
    nor bumps the version, so it does not make open forms stale, and records no revision.
    """

    version = models.PositiveIntegerField(
        default=1,
        help_text="Counts saves. Edit forms send it back, so a save from a form opened before "
        "someone else's save is refused instead of overwriting it.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "version" not in update_fields:
            self.skip_history_when_saving = True  # django-simple-history's switch
            try:
                return super().save(*args, **kwargs)
            finally:
                del self.skip_history_when_saving
        if self._state.adding:
            return super().save(*args, **kwargs)
        using = kwargs.get("using")
        with transaction.atomic(using=using):
            # Check and bump in one conditional UPDATE rather than a read then a write: of two
            # saves that both started from version N only the first matches `version = N`
            # (PostgreSQL makes the second wait for the first to commit, then re-checks), so
            # the second updates nothing and fails instead of overwriting. It needs no lock held
            # across the form's validation, and works the same on SQLite, which ignores
            # select_for_update.
            claimed = (
                type(self)
                ._base_manager.using(using)
                .filter(pk=self.pk, version=self.version)
                .update(version=self.version + 1)
            )
            if not claimed:
                raise EditConflict(self.conflict_message())
            self.version += 1
            return super().save(*args, **kwargs)

    def conflict_message(self):
        """What an editor with an outdated form is told: who saved meanwhile, and what to do."""
        latest = self.history.select_related("history_user").first()
        saved = "was saved by someone else"
        if latest is not None:
            when = date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
            saved = f"was saved on {when}"
            if latest.history_user is not None:
                who = latest.history_user
                saved = f"was saved by {who.get_full_name() or who.get_username()} on {when}"
        return (
            f"This {self._meta.verbose_name} {saved}, after you opened this page. Your changes "
            "are not saved, but they are still in the form below: copy them, reload the page to "
            "see the newer version, then make your changes again."
        )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and not scheduled for later."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


class Article(Versioned):
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
    # Revisions for the admin's History page and its Revert. Left out: HTML (derived, rendered
    # again when a revert saves), the date, and the version, which simple-history then reads
    # from the current row, so a revert form is not itself mistaken for an outdated form.
    # Suggestions (`related`) are not kept: the link is symmetrical, so reverting one article
    # would change others too.
    history = HistoricalRecords(excluded_fields=["body_html", "updated_at", "version"])

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        markdown_text, found = shortcodes.extract(self.body)
        # Glossary terms are linked once here, not per request; glossary edits re-render.
        html = link_terms(render_markdown(markdown_text))
        self.body_html = shortcodes.restore(html, found)
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

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
