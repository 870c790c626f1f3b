"""An editor builds and changes a whole comparison through the admin, without a developer."""

import pytest
from django.urls import reverse

from comparisons.models import Cell, Comparison, Dimension, Option, Strategy

pytestmark = pytest.mark.django_db


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_editor_builds_a_comparison_from_scratch(staff_client):
    # A filterable row with two options.
    response = staff_client.post(
        reverse("admin:comparisons_dimension_add"),
        {
            "name": "Contract length",
            "slug": "contract",
            "filterable": "on",
            "description": "How long the arrangement usually runs.",
            **management("options", 2),
            "options-0-label": "Short",
            "options-0-slug": "short",
            "options-0-order": "1",
            "options-1-label": "Long",
            "options-1-slug": "long",
            "options-1-order": "2",
            **management("cells", 0),
        },
    )
    assert response.status_code == 302, response.content.decode()
    contract = Dimension.objects.get(slug="contract")
    long = Option.objects.get(dimension=contract, slug="long")

    # A strategy with its cell for that row, options and text typed inline.
    response = staff_client.post(
        reverse("admin:comparisons_strategy_add"),
        {
            "name": "Staff leasing",
            "slug": "staff-leasing",
            "summary": "Provider staff inside your team.",
            **management("cells", 1),
            "cells-0-dimension": str(contract.pk),
            "cells-0-text": "Usually **long** engagements.",
            "cells-0-options": [str(long.pk)],
        },
    )
    assert response.status_code == 302, response.content.decode()
    strategy = Strategy.objects.get(slug="staff-leasing")

    # The comparison itself, with its columns and rows in order.
    response = staff_client.post(
        reverse("admin:comparisons_comparison_add"),
        {
            "title": "Leasing table",
            "slug": "leasing-table",
            "intro": "Compare leasing.",
            "is_published": "on",
            **management("strategy_links", 1),
            "strategy_links-0-strategy": str(strategy.pk),
            "strategy_links-0-order": "1",
            **management("dimension_links", 1),
            "dimension_links-0-dimension": str(contract.pk),
            "dimension_links-0-order": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()

    html = staff_client.get("/compare/leasing-table/?contract=long").content.decode()
    assert "Staff leasing" in html
    assert "Usually <strong>long</strong> engagements." in html
    assert "1 of 1 strategies match." in html


def test_editor_changes_a_cell_text_and_the_page_shows_it(staff_client, starter):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="location")
    abroad = cell.options.get()
    response = staff_client.post(
        reverse("admin:comparisons_cell_change", args=[cell.pk]),
        {
            "strategy": str(cell.strategy_id),
            "dimension": str(cell.dimension_id),
            "text": "Always in *another* country.",
            "options": [str(abroad.pk)],
            **management("source_links", 0),
        },
    )
    assert response.status_code == 302
    html = staff_client.get("/compare/outsourcing-vs-offshoring/").content.decode()
    assert "Always in <em>another</em> country." in html


def test_option_from_another_row_gets_a_readable_form_error(staff_client, starter):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="location")
    own_staff = Option.objects.get(dimension__slug="performer", slug="own-staff")
    response = staff_client.post(
        reverse("admin:comparisons_cell_add"),
        {
            "strategy": str(Strategy.objects.get(slug="in-house").pk),
            "dimension": str(cell.dimension_id),
            "text": "x",
            "options": [str(own_staff.pk)],
            **management("source_links", 0),
        },
    )
    # The add form offers every option (the row is not known yet), then explains the mistake.
    assert response.status_code == 200
    assert "cannot be chosen for the row “Where the work is done”" in response.content.decode()


def test_duplicate_cell_gets_a_readable_form_error(staff_client, starter):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="location")
    response = staff_client.post(
        reverse("admin:comparisons_cell_add"),
        {
            "strategy": str(cell.strategy_id),
            "dimension": str(cell.dimension_id),
            "text": "x",
            **management("source_links", 0),
        },
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Cell.objects.filter(strategy=cell.strategy, dimension=cell.dimension).count() == 1


@pytest.mark.parametrize(
    "slug",
    ["show", "step", "pick", "differences", "theme", "version", "utm_source", "_x", "fbclid"],
)
def test_reserved_dimension_slug_is_refused_in_admin(staff_client, starter, slug):
    response = staff_client.post(
        reverse("admin:comparisons_dimension_add"),
        {"name": "Show", "slug": slug, **management("options", 0), **management("cells", 0)},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f"“{slug}” is a name the site&#x27;s own addresses use" in html
    assert not Dimension.objects.filter(slug=slug).exists()


def test_comparison_admin_links_to_its_cells(staff_client, starter):
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    html = staff_client.get(
        reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    ).content.decode()
    assert f"?comparison={comparison.pk}" in html
    cells = staff_client.get(
        reverse("admin:comparisons_cell_changelist"), {"comparison": comparison.pk}
    ).content.decode()
    assert "27 cells" in cells  # 3 strategies x 9 rows, not the whole catalogue


def test_admin_pages_open(staff_client, starter):
    for name in ["comparison", "strategy", "dimension", "cell", "option"]:
        assert staff_client.get(reverse(f"admin:comparisons_{name}_changelist")).status_code == 200
        assert staff_client.get(reverse(f"admin:comparisons_{name}_add")).status_code == 200
    strategy = Strategy.objects.get(slug="offshoring")
    assert (
        staff_client.get(
            reverse("admin:comparisons_strategy_change", args=[strategy.pk])
        ).status_code
        == 200
    )
