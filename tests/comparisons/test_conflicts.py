"""Two editors, one cell: on its own page or inline on a strategy's page, the second save from an
outdated form is refused and shown back to the editor."""

import pytest
from django.urls import reverse

from comparisons.models import Cell
from tests.admin_forms import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def cell(starter):
    return Cell.objects.get(strategy__slug="offshoring", dimension__slug="location")


def test_second_editor_saving_an_outdated_cell_is_told(staff_client, second_editor, cell):
    change = reverse("admin:comparisons_cell_change", args=[cell.pk])
    first_form = submitted(staff_client.get(change))
    second_form = submitted(second_editor.get(change))

    assert staff_client.post(change, first_form | {"text": "First editor."}).status_code == 302
    response = second_editor.post(change, second_form | {"text": "Second editor."})

    assert response.status_code == 200
    assert "This cell was saved by editor on" in response.text
    assert "Second editor." in response.text
    cell.refresh_from_db()
    assert cell.text == "First editor."


def test_outdated_inline_cell_on_the_strategy_page_is_refused(staff_client, second_editor, cell):
    strategy_page = reverse("admin:comparisons_strategy_change", args=[cell.strategy_id])
    page = second_editor.get(strategy_page)
    forms = page.context["inline_admin_formsets"][0].formset.forms
    prefix = next(form.prefix for form in forms if form.instance.pk == cell.pk)
    stale = submitted(page)

    change = reverse("admin:comparisons_cell_change", args=[cell.pk])
    response = staff_client.post(change, submitted(staff_client.get(change)) | {"text": "First."})
    assert response.status_code == 302

    response = second_editor.post(strategy_page, stale | {f"{prefix}-text": "Inline second."})
    assert response.status_code == 200
    assert "This cell was saved by editor on" in response.text
    assert "Inline second." in response.text
    cell.refresh_from_db()
    assert cell.text == "First."
