"""Sources: the published works that back what the site says (a cell of a table, an article).

A source is written once and cited from many places: the apps above this one link their rows
to it through ordered link models of their own (comparisons.CellSource,
content.ArticleSource), so this app knows nothing of them.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from editorial.registry import content_model
from editorial.versioning import Versioned

# Readers follow these links: only web addresses, never javascript:, data:, file: or ftp:.
WEB_SCHEMES = ["http", "https"]


@content_model
class Source(Versioned):
    title = models.CharField(
        max_length=300, help_text="The title of the page, article or report, as published."
    )
    url = models.URLField(
        "URL",
        max_length=2000,
        validators=[
            URLValidator(
                schemes=WEB_SCHEMES,
                message="Enter a web address starting with http:// or https://.",
            )
        ],
        help_text="The address readers follow to check the claim (http:// or https://).",
    )
    publisher = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who published it: a newspaper, an organisation, a website (e.g. “Wikipedia”).",
    )
    published = models.DateField(
        null=True,
        blank=True,
        help_text="Optional: the publication date printed on the source. Leave empty when the "
        "source shows none (most encyclopedia pages).",
    )
    accessed = models.DateField(
        default=timezone.localdate,
        help_text="When you last checked that the source says what we cite it for; readers see "
        "it as “checked on”.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Left out as for articles (content.models.Article.history): date and version.
    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    # No get_absolute_url: a source has no page of its own on the site. Readers meet it in the
    # numbered "Sources" list under each table and article that cites it, and its link leads
    # to the source itself; a page here would only repeat those four fields. (Returning its
    # admin address instead would make the admin's "View on site" open the admin.)

    class Meta:
        ordering = ["title", "id"]

    def __str__(self):
        return f"{self.title} ({self.publisher})" if self.publisher else self.title

    def clean(self):
        super().clean()
        # The URL's scheme is checked by the field's validator (full_clean, in the admin and
        # on import); these dates depend on each other and on today.
        today = timezone.localdate()
        errors = {}
        if self.accessed and self.accessed > today:
            errors["accessed"] = ValidationError(
                "A source cannot have been checked after today.", code="accessed_in_future"
            )
        if self.published and self.accessed and self.published > self.accessed:
            errors["published"] = ValidationError(
                "The publication date is after the date you checked the source: one of the two "
                "is wrong.",
                code="published_after_accessed",
            )
        if errors:
            raise ValidationError(errors)
