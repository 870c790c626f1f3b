"""Glossary terms. Their names and synonyms are linked wherever they appear in site content."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from editorial.registry import content_model
from editorial.rendering import Markdown, RendersMarkdown
from editorial.terms import split_synonyms
from editorial.versioning import Versioned

LABEL_TAKEN = "label_taken"


class TermQuerySet(models.QuerySet):
    def for_linking(self):
        """Every term, with what linking needs: the glossary that `editorial.terms` links."""
        return list(self.only("name", "slug", "also_known_as", "short_definition"))


@content_model
class Term(RendersMarkdown, Versioned):
    name = models.CharField(
        max_length=100,
        help_text="The term as readers know it, e.g. “Offshore outsourcing”. Every mention of "
        "it in articles and tables links to this entry, so use the everyday spelling.",
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="The last part of the term's address, as in /glossary/this-slug/. Changing it "
        "breaks links readers have saved.",
    )
    also_known_as = models.CharField(
        "also known as",
        max_length=200,
        blank=True,
        help_text="Other names for the same thing, separated by commas, e.g. “captive centre, "
        "captive center”. Shown on the term's page and linked like the name.",
    )
    short_definition = models.CharField(
        max_length=300,
        help_text="One sentence. Shown in the glossary list, as the description for search "
        "engines and as the tooltip of every link to this term.",
    )
    definition = models.TextField(
        help_text="Markdown: a few short paragraphs explaining the term. Other terms mentioned "
        "here are linked and listed as related terms. Raw HTML and scripts are removed.",
    )
    definition_html = models.TextField(
        editable=False,
        blank=True,
        help_text="The definition as HTML, rendered automatically when the term is saved.",
    )
    updated_at = models.DateTimeField(
        auto_now=True, help_text="When the term was last saved; set automatically."
    )
    # Left out as for articles (content.models.Article.history): derived HTML, date, version.
    history = HistoricalRecords(excluded_fields=["definition_html", "updated_at", "version"])
    markdown_fields = [Markdown("definition", "definition_html")]

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("glossary:detail", args=[self.slug])

    @property
    def synonyms(self):
        return split_synonyms(self.also_known_as)

    @property
    def labels(self):
        """The name and every synonym: what gets linked to this term."""
        return [label for label in [self.name.strip(), *self.synonyms] if label]

    def own_term_slug(self):
        return self.slug  # a definition does not link to itself

    def clean(self):
        super().clean()
        # A name or synonym shared by two terms would make links ambiguous.
        taken = {}
        for other in Term.objects.exclude(pk=self.pk).only("name", "also_known_as"):
            for label in other.labels:
                taken.setdefault(label.casefold(), other)
        errors = {}
        for field, labels in [("name", self.labels[:1]), ("also_known_as", self.synonyms)]:
            clashes = [
                ValidationError(
                    "“%(label)s” is already used by the term “%(other)s”.",
                    code=LABEL_TAKEN,
                    params={"label": label, "other": taken[label.casefold()]},
                )
                for label in labels
                if label.casefold() in taken
            ]
            if clashes:
                errors[field] = clashes
        if errors:
            raise ValidationError(errors)
