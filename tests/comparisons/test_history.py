"""A cell's revisions keep its text and its options; reverting brings both back."""

import pytest
from django.urls import reverse

from comparisons.models import Cell, Option
from tests.content.test_history import edit, submitted

pytestmark = pytest.mark.django_db

PAGE = "/compare/outsourcing-vs-offshoring/"


def test_editor_reverts_a_cell_and_the_comparison_shows_the_older_text(staff_client, starter):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="location")
    abroad = Option.objects.get(dimension=cell.dimension, slug="abroad")
    home = Option.objects.get(dimension=cell.dimension, slug="home-country")
    change = reverse("admin:comparisons_cell_change", args=[cell.pk])
    response = edit(staff_client, change, text="Only *abroad*.", options=[str(abroad.pk)])
    assert response.status_code == 302
    both = [str(abroad.pk), str(home.pk)]
    assert edit(staff_client, change, text="Anywhere at all.", options=both).status_code == 302
    assert "Anywhere at all." in staff_client.get(PAGE).text

    first = cell.history.filter(text="Only *abroad*.").first()
    revert = reverse("admin:comparisons_cell_simple_history", args=[cell.pk, first.history_id])
    page = staff_client.get(revert)
    assert page.context["adminform"].form["options"].value() == [abroad.pk]  # as it was then
    assert staff_client.post(revert, submitted(page)).status_code == 302

    html = staff_client.get(PAGE).text
    assert "Only <em>abroad</em>." in html
    assert "Anywhere at all." not in html
    assert set(cell.options.all()) == {abroad}
