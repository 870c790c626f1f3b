from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from editorial.admin import HistoryAdmin, OrderedFormSet, OrderedInline, VersionedForm
from editorial.autocomplete import CheckedAutocomplete
from sources.admin import SourceLinkInline

from .forms import CellAdminForm, CellForm
from .grid_admin import GridAdminMixin
from .models import (
    Cell,
    CellSource,
    Comparison,
    ComparisonDimension,
    ComparisonStrategy,
    Dimension,
    Option,
    Strategy,
)
from .review_admin import ReviewAdmin, ReviewForm


class ComparisonStrategyInline(CheckedAutocomplete, OrderedInline):
    """The comparison's columns, left to right in the order they are dragged into."""

    model = ComparisonStrategy
    extra = 0
    autocomplete_fields = ["strategy"]
    fields = ["strategy", "order"]


class ComparisonDimensionFormSet(OrderedFormSet):
    """A comparison's rows as they will be saved, which must keep the map's axes: checked here,
    where both the new rows and the comparison's new axes are known."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = [
            form.cleaned_data["dimension"]
            for form in self.forms
            if form.cleaned_data.get("dimension") and not self._should_delete_form(form)
        ]
        comparison = self.instance
        missing = [
            axis.name
            for axis in (comparison.map_across, comparison.map_down)
            if axis is not None and axis not in rows
        ]
        if missing:
            names = " and ".join(f"“{name}”" for name in missing)
            raise ValidationError(
                f"The map's axes must be rows of this comparison: add {names} as a row, or "
                "choose other axes for the map.",
                code="map_axis_not_a_row",
            )


class ComparisonDimensionInline(CheckedAutocomplete, OrderedInline):
    """The comparison's rows, top to bottom in the order they are dragged into."""

    model = ComparisonDimension
    formset = ComparisonDimensionFormSet
    extra = 0
    autocomplete_fields = ["dimension"]
    fields = ["dimension", "order"]


@admin.register(Comparison)
class ComparisonAdmin(GridAdminMixin, ReviewAdmin, HistoryAdmin):
    form = ReviewForm
    list_display = ["title", "slug", "is_published", "reviewed_at", "updated_at", "cells_link"]
    list_filter = ["is_published"]
    search_fields = ["title", "slug", "intro"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ComparisonStrategyInline, ComparisonDimensionInline]
    readonly_fields = ["cells_link"]
    fields = [
        "title",
        "slug",
        "intro",
        "is_published",
        "map_across",
        "map_down",
        "cells_link",
        "version",
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("map_across", "map_down"):
            # Only rows with options can be a map's axes (Comparison.check_map_axes).
            kwargs["queryset"] = Dimension.objects.filter(filterable=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="Cells")
    def cells_link(self, obj):
        if not obj.pk:
            return "Save the comparison first, then edit its cells."
        url = reverse("admin:comparisons_cell_changelist") + f"?comparison={obj.pk}"
        return format_html('<a href="{}">Edit the cells of this comparison</a>', url)


class OptionInline(OrderedInline):
    """The row's options, in the order they are dragged into (filters list them so)."""

    model = Option
    ordering = ["order"]  # the model's own starts with the dimension: one here
    form = VersionedForm
    extra = 0
    prepopulated_fields = {"slug": ["label"]}
    fields = ["label", "slug", "order", "version"]


class CellInline(CheckedAutocomplete, admin.StackedInline):
    """Edits every cell of a strategy (or of a row) on one page."""

    model = Cell
    form = CellForm
    extra = 0
    fields = ["dimension", "text", "options", "version"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("strategy", "dimension")


class StrategyCellInline(CellInline):
    fields = ["dimension", "text", "options", "version"]
    autocomplete_fields = ["dimension"]


class DimensionCellInline(CellInline):
    fields = ["strategy", "text", "options", "version"]
    autocomplete_fields = ["strategy"]


@admin.register(Strategy)
class StrategyAdmin(HistoryAdmin):
    list_display = ["name", "slug", "summary", "updated_at"]
    search_fields = ["name", "slug", "summary"]
    list_filter = ["comparisons"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StrategyCellInline]


@admin.register(Dimension)
class DimensionAdmin(HistoryAdmin):
    list_display = ["name", "slug", "filterable", "updated_at"]
    list_filter = ["filterable", "comparisons"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OptionInline, DimensionCellInline]


class ComparisonFilter(admin.SimpleListFilter):
    title = "comparison"
    parameter_name = "comparison"

    def lookups(self, request, model_admin):
        return [(str(c.pk), c.title) for c in Comparison.objects.all()]

    def queryset(self, request, queryset):
        if not self.value() or not self.value().isdigit():
            return queryset
        comparison = Comparison.objects.filter(pk=self.value()).first()
        if comparison is None:
            return queryset.none()
        return queryset.filter(
            strategy__in=comparison.strategies.all(), dimension__in=comparison.dimensions.all()
        )


class CellSourceInline(SourceLinkInline):
    model = CellSource


@admin.register(Cell)
class CellAdmin(ReviewAdmin, HistoryAdmin):
    form = CellAdminForm
    inlines = [CellSourceInline]
    list_display = ["strategy", "dimension", "short_text", "reviewed_at", "updated_at"]
    list_filter = [ComparisonFilter, "dimension", "strategy"]
    list_select_related = ["strategy", "dimension"]
    search_fields = ["text", "strategy__name", "dimension__name"]
    autocomplete_fields = ["strategy", "dimension"]

    @admin.display(description="Text")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 80 else obj.text[:79] + "…"

    def view_on_site(self, obj):
        comparison = obj.strategy.comparisons.filter(dimensions=obj.dimension).first()
        return comparison.get_absolute_url() if comparison else None


@admin.register(Option)
class OptionAdmin(HistoryAdmin):
    list_display = ["label", "slug", "dimension", "order"]
    list_filter = ["dimension"]
    search_fields = ["label", "slug", "dimension__name"]
    list_select_related = ["dimension"]
