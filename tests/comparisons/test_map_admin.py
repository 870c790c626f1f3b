"""Editors choose a comparison's map axes in the admin; the starter sets them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from comparisons.models import Comparison, Dimension, Strategy
from tests.admin_forms import submitted
from tests.comparisons.test_admin import management
from tests.comparisons.test_admin_ordering import change_url

pytestmark = pytest.mark.django_db


def dimension(slug):
    return Dimension.objects.get(slug=slug)


def test_the_starter_comparisons_map_location_across_and_performer_down(starter):
    for comparison in Comparison.objects.all():
        assert (comparison.map_across.slug, comparison.map_down.slug) == ("location", "performer")


def test_revisions_keep_the_map_axes(starter):
    comparison = Comparison.objects.get(slug="sourcing-models")
    comparison.map_across, comparison.map_down = dimension("performer"), dimension("location")
    comparison.save()
    previous = comparison.history.all()[1]
    assert (previous.map_across_id, previous.map_down_id) == (
        dimension("location").pk,
        dimension("performer").pk,
    )


@pytest.mark.parametrize(
    ("across", "down", "field", "message"),
    [
        ("location", None, "map_down", "A map needs both axes"),
        (None, "performer", "map_across", "A map needs both axes"),
        ("location", "risks", "map_down", "“Risks and drawbacks” is not filterable"),
        ("location", "location", "map_down", "Choose two different rows"),
    ],
)
def test_clean_refuses_a_map_it_cannot_draw(starter, across, down, field, message):
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    comparison.map_across = dimension(across) if across else None
    comparison.map_down = dimension(down) if down else None
    with pytest.raises(ValidationError) as error:
        comparison.full_clean()
    assert message in " ".join(error.value.message_dict[field])


def test_clean_accepts_two_filterable_rows_or_none(starter):
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    comparison.full_clean()
    comparison.map_across = comparison.map_down = None
    comparison.full_clean()


def test_admin_offers_only_filterable_rows_as_axes(staff_client, starter):
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    form = staff_client.get(change_url(comparison)).context["adminform"].form
    offered = {d.slug for d in form.fields["map_across"].queryset}
    assert offered == {"location", "performer", "goal"}
    assert set(form.fields["map_down"].queryset) == set(form.fields["map_across"].queryset)
    assert "filterable row of this comparison" in form.fields["map_across"].help_text


def test_admin_refuses_an_axis_that_is_not_a_row_of_the_comparison(staff_client, starter):
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    url = change_url(comparison)
    data = submitted(staff_client.get(url))
    data["map_down"] = str(dimension("goal").pk)
    # Remove the "location" row while it is still the map's across axis.
    for key, value in list(data.items()):
        if key.endswith("-dimension") and value == str(dimension("location").pk):
            data[key.replace("-dimension", "-DELETE")] = "on"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "The map&#x27;s axes must be rows of this comparison: add “Where the work is done”" in (
        response.content.decode()
    )
    comparison.refresh_from_db()
    assert comparison.map_down.slug == "performer"


def test_admin_saves_new_rows_and_the_axes_they_carry_in_one_go(staff_client, starter):
    strategy = Strategy.objects.get(slug="outsourcing")
    response = staff_client.post(
        reverse("admin:comparisons_comparison_add"),
        {
            "title": "Who and where",
            "slug": "who-and-where",
            "intro": "",
            "is_published": "on",
            "map_across": str(dimension("location").pk),
            "map_down": str(dimension("performer").pk),
            **management("strategy_links", 1),
            "strategy_links-0-strategy": str(strategy.pk),
            "strategy_links-0-order": "1",
            **management("dimension_links", 2),
            "dimension_links-0-dimension": str(dimension("location").pk),
            "dimension_links-0-order": "1",
            "dimension_links-1-dimension": str(dimension("performer").pk),
            "dimension_links-1-order": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()
    svg = staff_client.get("/compare/who-and-where/map.svg")
    assert svg.status_code == 200 and b">Outsourcing</tspan>" in svg.content


def test_admin_reports_a_half_chosen_map_at_the_field(staff_client, starter):
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    url = change_url(comparison)
    data = submitted(staff_client.get(url))
    data.pop("map_down")
    response = staff_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "A map needs both axes" in errors["map_down"][0]
