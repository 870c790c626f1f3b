"""A comparison is a grid: strategies are its columns, dimensions its rows, cells the grid.

Strategies and dimensions are shared between comparisons (each comparison picks and orders
them), and a cell belongs to one strategy and one dimension, so text is typed once and shows
in every comparison that uses both.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from editorial.publishing import PublishableQuerySet
from editorial.registry import content_model
from editorial.rendering import Markdown, RendersMarkdown
from editorial.versioning import Versioned

from .parameters import validate_no_pair_separator, validate_not_reserved
from .reviews import REVIEW_FIELDS, Reviewed


class ComparisonQuerySet(PublishableQuerySet):
    def published(self):
        return self.filter(is_published=True)


@content_model
class Strategy(Versioned):
    name = models.CharField(max_length=100, help_text="Column heading, e.g. “Offshoring”.")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        validators=[validate_no_pair_separator],
        help_text="Used in URLs and exports; keep it stable once published. May not contain "
        "“-vs-”, which joins two strategies in a pair page's address.",
    )
    summary = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional one-line description, shown under the column heading.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Left out as for articles (content.models.Article.history): date and version.
    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    public_change_note = True  # its admin asks for a “Reason for this change”

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "strategies"

    def __str__(self):
        return self.name


@content_model
class Dimension(Versioned):
    name = models.CharField(max_length=100, help_text="Row heading, e.g. “Where the work is done”.")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        validators=[validate_not_reserved],
        help_text="Used in URLs: for a filterable dimension it is the filter's parameter name "
        "(?location=abroad). Keep it stable once published.",
    )
    filterable = models.BooleanField(
        default=False,
        help_text="Filterable rows offer options readers can filter by; each cell then says "
        "which options its strategy satisfies.",
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional explanation of the row, shown to readers beside the filters.",
    )
    question = models.CharField(
        max_length=200,
        blank=True,
        help_text="For filterable rows: the question the “Which fits me?” guide asks, e.g. "
        "“Where should the work be done?”. Left empty, the guide asks with the row's name.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Left out as for articles (content.models.Article.history): date and version.
    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    public_change_note = True  # its admin asks for a “Reason for this change”

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


@content_model
class Option(Versioned):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(max_length=100, help_text="What readers see, e.g. “Abroad”.")
    slug = models.SlugField(max_length=80, help_text="The filter value in URLs (?location=abroad).")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    # A label shows in the table and its filters: a change moves "Last changed".
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    public_change_note = True  # its admin asks for a “Reason for this change”

    class Meta:
        ordering = ["dimension__name", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "slug"], name="option_slug_unique_in_dimension"
            ),
        ]

    def __str__(self):
        return f"{self.dimension.name}: {self.label}"


@content_model
class Cell(RendersMarkdown, Reviewed, Versioned):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="cells")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="cells")
    text = models.TextField(
        blank=True,
        help_text="Markdown. Short paragraphs or a list; shown in every comparison that has "
        "this strategy and this row.",
    )
    text_html = models.TextField(editable=False, blank=True)
    options = models.ManyToManyField(
        Option,
        blank=True,
        related_name="cells",
        help_text="For filterable rows: every option this strategy satisfies. Only options of "
        "the cell's own dimension are allowed.",
    )
    sources = models.ManyToManyField(
        "sources.Source", through="CellSource", blank=True, related_name="cells"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Options are kept with each revision, so a revert restores them too (see CellForm). Left
    # out as for articles (content.models.Article.history): derived HTML, date, version; and
    # the review, which is no edit (comparisons.reviews).
    history = HistoricalRecords(
        excluded_fields=["text_html", "updated_at", "version"] + REVIEW_FIELDS,
        m2m_fields=["options"],
    )
    public_change_note = True  # its admin asks for a “Reason for this change”
    markdown_fields = [Markdown("text", "text_html")]

    class Meta:
        ordering = ["strategy__name", "dimension__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "dimension"], name="one_cell_per_strategy_and_dimension"
            ),
        ]

    def __str__(self):
        return f"{self.strategy.name} × {self.dimension.name}"

    def check_options(self, options):
        """Raise ValidationError unless every option belongs to this cell's dimension."""
        stray = [o for o in options if o.dimension_id != self.dimension_id]
        if stray:
            names = ", ".join(f"“{o}”" for o in stray)
            raise ValidationError(
                {"options": f"{names} belong to another row than “{self.dimension.name}”."},
                code="option_outside_dimension",
            )


@content_model
class Comparison(RendersMarkdown, Reviewed, Versioned):
    title = models.CharField(max_length=200, help_text="E.g. “Outsourcing vs. offshoring”.")
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The comparison's address, as in /compare/this-slug/. Embeds and bookmarks "
        "use it; keep it stable once published.",
    )
    intro = models.TextField(
        blank=True, help_text="Markdown shown above the table: what is compared and why."
    )
    intro_html = models.TextField(editable=False, blank=True)
    is_published = models.BooleanField(
        "published",
        default=False,
        help_text="Unpublished comparisons are visible only to staff, with a draft banner.",
    )
    strategies = models.ManyToManyField(
        Strategy, through="ComparisonStrategy", related_name="comparisons"
    )
    dimensions = models.ManyToManyField(
        Dimension, through="ComparisonDimension", related_name="comparisons"
    )
    # The map (/compare/<slug>/map.svg): two filterable rows of this comparison as its axes.
    map_across = models.ForeignKey(
        Dimension,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="map: across",
        help_text="Optional. A filterable row of this comparison whose options are the map's "
        "columns, e.g. “Where the work is done”. Choose both axes, or neither for no map.",
    )
    map_down = models.ForeignKey(
        Dimension,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="map: down",
        help_text="Optional. Another filterable row of this comparison whose options are the "
        "map's rows, e.g. “Who performs the work”.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # The public version readers and embeds see: raised by the change log (changelog app)
    # when a published change alters what readers see, never by an edit form.
    public_version = models.PositiveIntegerField("version", default=0, editable=False)
    public_updated = models.DateTimeField("version date", null=True, editable=False)

    objects = ComparisonQuerySet.as_manager()
    # Its columns and rows (the ordered links below) are not part of a revision, nor is the
    # public version, which only the change log sets.
    history = HistoricalRecords(
        excluded_fields=["intro_html", "updated_at", "version", "public_version", "public_updated"]
        + REVIEW_FIELDS
    )
    markdown_fields = [Markdown("intro", "intro_html")]
    public_change_note = True  # its admin asks for a "Reason for this change" (editorial)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("comparisons:detail", args=[self.slug])

    def clean(self):
        super().clean()
        self.check_map_axes()

    def check_map_axes(self):
        """Raise ValidationError unless the map's axes are two different filterable rows, or
        none. Whether they are rows of this comparison is checked with the rows being saved
        alongside (comparisons.admin.ComparisonDimensionFormSet): the rows are links saved
        after the comparison, so none exist yet when it is first created."""
        try:
            across, down = self.map_across, self.map_down
        except Dimension.DoesNotExist:
            return  # a dangling id: the field's own validation reports it
        if across is None and down is None:
            return
        if across is None or down is None:
            missing = "map_across" if across is None else "map_down"
            message = "A map needs both axes: choose this one too, or clear the other."
            raise ValidationError({missing: ValidationError(message, code="map_axis_missing")})
        errors = {
            name: ValidationError(
                f"“{axis.name}” is not filterable: a map's axes are rows with options.",
                code="map_axis_not_filterable",
            )
            for name, axis in (("map_across", across), ("map_down", down))
            if not axis.filterable
        }
        if across == down and not errors:
            errors["map_down"] = ValidationError(
                "Choose two different rows: one across, one down.", code="map_axes_same"
            )
        if errors:
            raise ValidationError(errors)


# Below the models they link, so they register after them (export and import need parents
# first); in modules of their own to keep this one short.
from .cell_sources import CellSource  # noqa: E402, F401
from .links import ComparisonDimension, ComparisonStrategy  # noqa: E402, F401
