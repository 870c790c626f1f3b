"""The grid editor: a comparison's cells laid out as readers see them, edited in place.

GridAdminMixin gives ComparisonAdmin two pages: `<id>/grid/`, the whole comparison (strategies
across, dimensions down, loaded by comparisons.table.build_table), and
`<id>/grid/cell/<strategy id>/<dimension id>/`, one cell: shown, its editor (`?edit=1`) or, when
posted, saved. htmx swaps a cell for its editor and back; without JavaScript each cell links to
the cell's own admin page instead. Saving is the cell's admin page's (comparisons.grid_forms),
so the same permissions, version check, history, change log and cache invalidation apply.
"""

import re

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, router, transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.vary import vary_on_headers

from editorial import changenotes
from editorial.versioning import EditConflict

from .grid_forms import NEW_CELL, CellEditor, editor_media
from .models import Cell, Comparison, ComparisonDimension, ComparisonStrategy
from .table import build_table

TEMPLATE = "admin/comparisons/grid.html"
# The comparison's own page, opened from the grid to add a column or a row, goes back to the
# grid once saved.
BACK_TO_GRID = "_grid"
ID = re.compile(r"[0-9]{1,18}")  # ids as the URLs carry them; anything else is no such row


def _by_id(queryset, raw, field="pk"):
    if not ID.fullmatch(raw):
        raise Http404("No such row.")
    row = queryset.filter(**{field: int(raw)}).first()
    if row is None:
        raise Http404("No such row.")
    return row


def _shown_cell(strategy, dimension):
    """The cell as the grid draws it (options and sources as GridData loads them), or None."""
    cell = Cell.objects.filter(strategy=strategy, dimension=dimension).first()
    if cell is not None:
        cell.option_list = list(cell.options.order_by("order", "id"))
        cell.source_list = [link.source for link in cell.source_links.select_related("source")]
    return cell


class GridAdminMixin:
    """A ComparisonAdmin mixin: the grid editor's pages and the way back to them."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_grid"
        view = self.admin_site.admin_view
        return [
            path("<str:object_id>/grid/", view(self.grid_view), name=name),
            path(
                "<str:object_id>/grid/cell/<str:strategy_id>/<str:dimension_id>/",
                view(self.grid_cell_view),
                name=f"{name}_cell",
            ),
            *super().get_urls(),
        ]

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        if request.GET.get(BACK_TO_GRID) and "_continue" not in request.POST:
            return HttpResponseRedirect(reverse("admin:comparisons_comparison_grid", args=[obj.pk]))
        return response

    def _grid_context(self, request, comparison):
        """What both pages draw with: who may do what, and the comparison."""
        if not self.has_view_or_change_permission(request, comparison):
            raise PermissionDenied
        cell_admin = self.admin_site.get_model_admin(Cell)
        if not cell_admin.has_view_or_change_permission(request):
            raise PermissionDenied
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "comparison": comparison,
            "cell_admin": cell_admin,
            "can_change": cell_admin.has_change_permission(request),
            "can_add": cell_admin.has_add_permission(request),
            "can_change_comparison": self.has_change_permission(request, comparison),
            "grid_url": reverse("admin:comparisons_comparison_grid", args=[comparison.pk]),
            "back_to_grid": BACK_TO_GRID,
            "new_cell": NEW_CELL,
        }

    @method_decorator(vary_on_headers("HX-Request"))
    def grid_view(self, request, object_id, editing=None):
        comparison = _by_id(Comparison.objects.all(), object_id)
        context = self._grid_context(request, comparison)
        may_edit = context["can_change"] or context["can_add"]
        context.update(
            title=f"{comparison.title}: edit as a table",
            table=build_table(comparison, QueryDict()),
            editing=editing,
            media=editor_media(context["cell_admin"], request) if may_edit else "",
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, TEMPLATE, context)

    @method_decorator(vary_on_headers("HX-Request"))
    def grid_cell_view(self, request, object_id, strategy_id, dimension_id):
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        comparison = _by_id(Comparison.objects.all(), object_id)
        context = self._grid_context(request, comparison)
        strategy = _by_id(
            ComparisonStrategy.objects.filter(comparison=comparison).select_related("strategy"),
            strategy_id,
            "strategy",
        ).strategy
        dimension = _by_id(
            ComparisonDimension.objects.filter(comparison=comparison).select_related("dimension"),
            dimension_id,
            "dimension",
        ).dimension
        cell = _shown_cell(strategy, dimension)
        may_edit = context["can_change"] if cell is not None else context["can_add"]
        editing = request.method == "POST" or request.GET.get("edit") == "1"
        if editing and not may_edit:
            raise PermissionDenied
        context.update(strategy=strategy, dimension=dimension, cell=cell)
        if request.method == "POST":
            return self._save_cell(request, comparison, context)
        if not editing:
            if not request.htmx:
                return HttpResponseRedirect(context["grid_url"])
            return self._render_cell(request, context, focus=True)
        editor = CellEditor(context["cell_admin"], request, strategy, dimension, cell)
        return self._render_editor(request, comparison, context, editor)

    def _save_cell(self, request, comparison, context):
        strategy, dimension = context["strategy"], context["dimension"]
        note = request.POST.get(changenotes.FIELD_NAME)
        with changenotes.noting(note, request.user):
            try:
                editor = self._saved_editor(request, context, context["cell"])
            except (EditConflict, IntegrityError):
                # Another editor's save won the race after this one's checks, and rolled it
                # back. Asked again, the form sees the newer cell and shows the conflict.
                editor = self._saved_editor(request, context, _shown_cell(strategy, dimension))
        if editor is not None:
            return self._render_editor(request, comparison, context, editor)
        if not request.htmx:
            return HttpResponseRedirect(context["grid_url"])
        context["cell"] = _shown_cell(strategy, dimension)
        return self._render_cell(request, context, focus=True, saved=True)

    def _saved_editor(self, request, context, cell):
        """None once saved; else the editor to show again, with its errors."""
        editor = CellEditor(
            context["cell_admin"], request, context["strategy"], context["dimension"], cell
        )
        with transaction.atomic(using=router.db_for_write(Cell)):
            saved = editor.save()
        return None if saved else editor

    def _render_cell(self, request, context, **flags):
        context.update(flags)
        return TemplateResponse(request, TEMPLATE + "#cell-display", context)

    def _render_editor(self, request, comparison, context, editor):
        if not request.htmx:
            # Without htmx (a script that failed, a posted form): the whole grid, this cell
            # open in it.
            return self.grid_view(request, str(comparison.pk), editing=editor)
        context["editor"] = editor
        return TemplateResponse(request, TEMPLATE + "#cell-editor", context)
