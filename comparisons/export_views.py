"""The comparison as data: /compare/<slug>.json and .csv, with the page's filters, live or as
it was at a version (`?version=<n>`)."""

import json

from django.http import (
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from pagecache.decorators import public_page

from . import exports, pinning
from .cache_keys import read_comparison_query
from .models import Comparison
from .table import build_table


def _public_comparison(slug):
    # Exports and embeds are public artefacts: they never show a draft, even to staff.
    return get_object_or_404(Comparison.objects.published(), slug=slug)


def _export_table(request, slug, grid=None):
    comparison = _public_comparison(slug)
    table = build_table(comparison, request.GET, grid=grid)
    if table.unknown:
        return comparison, None, exports.invalid_filters_message(table)
    return comparison, table, None


def _json_error(status, message):
    response = JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    return _allow_any_origin(response)


def _allow_any_origin(response):
    # The data is public; any site may fetch it from the browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


class VersionError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


def _version_grid(request, slug):
    """The grid of `?version=<n>` (that version's data, from the change log), None without it.
    Raises VersionError: 400 for a malformed number, 404 for a version that does not exist."""
    if "version" not in request.GET:
        return None
    number = pinning.parse_number(request.GET["version"])
    if number is None:
        raise VersionError(400, "version must be a positive whole number.")
    grid = pinning.grid(_public_comparison(slug), number)
    if grid is None:
        raise VersionError(404, f"This comparison has no version {number}.")
    return grid


@public_page(sessionless=True, reads=read_comparison_query)
@require_safe
def comparison_json(request, slug):
    try:
        grid = _version_grid(request, slug)
    except VersionError as error:
        return _json_error(error.status, error.message)
    _comparison, table, error = _export_table(request, slug, grid)
    if error:
        return _json_error(400, error)
    data = exports.as_dict(table, request)
    if grid is not None:
        # The version's own title, number and dates, not today's.
        data["comparison"] = {"url": data["comparison"]["url"], **grid.data["comparison"]}
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    return _allow_any_origin(response)


def _text_error(status, message):
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    return _allow_any_origin(response)


@public_page(sessionless=True, reads=read_comparison_query)
@require_safe
def comparison_csv(request, slug):
    try:
        grid = _version_grid(request, slug)
    except VersionError as error:
        return _text_error(error.status, error.message)
    comparison, table, error = _export_table(request, slug, grid)
    if error:
        return _text_error(400, error)
    response = HttpResponse(exports.as_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{comparison.slug}.csv"'
    return _allow_any_origin(response)
