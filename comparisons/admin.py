from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from editorial.admin import HistoryAdmin, VersionedForm

from .forms import CellForm
from .models import (
    Cell,
    Comparison,
    ComparisonDimension,
    ComparisonStrategy,
    Dimension,
    Option,
    Strategy,
)


class ComparisonStrategyInline(admin.TabularInline):
    model = ComparisonStrategy
    extra = 0
    autocomplete_fields = ["strategy"]
    fields = ["strategy", "order"]


class ComparisonDimensionInline(admin.TabularInline):
    model = ComparisonDimension
    extra = 0
    autocomplete_fields = ["dimension"]
    fields = ["dimension", "order"]


@admin.register(Comparison)
class ComparisonAdmin(HistoryAdmin):
    list_display = ["title", "slug", "is_published", "updated_at", "cells_link"]
    list_filter = ["is_published"]
    search_fields = ["title", "slug", "intro"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ComparisonStrategyInline, ComparisonDimensionInline]
    readonly_fields = ["cells_link"]
    fields = ["title", "slug", "intro", "is_published", "cells_link", "version"]

    @admin.display(description="Cells")
    def cells_link(self, obj):
        if not obj.pk:
            return "Save the comparison first, then edit its cells."
        url = reverse("admin:comparisons_cell_changelist") + f"?comparison={obj.pk}"
        return format_html('<a href="{}">Edit the cells of this comparison</a>', url)


class OptionInline(admin.TabularInline):
    model = Option
    form = VersionedForm
    extra = 0
    prepopulated_fields = {"slug": ["label"]}
    fields = ["label", "slug", "order", "version"]


class CellInline(admin.StackedInline):
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


@admin.register(Cell)
class CellAdmin(HistoryAdmin):
    form = CellForm
    list_display = ["strategy", "dimension", "short_text", "updated_at"]
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
