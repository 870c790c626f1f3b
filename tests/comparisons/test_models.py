import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from comparisons.models import Cell, Comparison, Dimension, Option, Strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid():
    location = Dimension.objects.create(name="Location", slug="location", filterable=True)
    performer = Dimension.objects.create(name="Performer", slug="performer", filterable=True)
    abroad = Option.objects.create(dimension=location, slug="abroad", label="Abroad")
    own = Option.objects.create(dimension=performer, slug="own-staff", label="Own staff")
    strategy = Strategy.objects.create(name="Offshoring", slug="offshoring")
    return {"location": location, "abroad": abroad, "own": own, "strategy": strategy}


def test_one_cell_per_strategy_and_dimension(grid):
    Cell.objects.create(strategy=grid["strategy"], dimension=grid["location"], text="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        Cell.objects.create(strategy=grid["strategy"], dimension=grid["location"], text="b")


def test_option_slug_is_unique_within_its_dimension(grid):
    with pytest.raises(IntegrityError), transaction.atomic():
        Option.objects.create(dimension=grid["location"], slug="abroad", label="Again")


def test_cell_refuses_an_option_of_another_dimension(grid):
    cell = Cell.objects.create(strategy=grid["strategy"], dimension=grid["location"])
    cell.options.add(grid["abroad"])
    with pytest.raises(ValidationError, match="belong to another row"), transaction.atomic():
        cell.options.add(grid["own"])
    with pytest.raises(ValidationError), transaction.atomic():
        grid["own"].cells.add(cell)
    assert list(cell.options.all()) == [grid["abroad"]]


def test_cell_text_is_rendered_on_save(grid):
    cell = Cell.objects.create(
        strategy=grid["strategy"], dimension=grid["location"], text="*Abroad* only"
    )
    assert cell.text_html == "<p><em>Abroad</em> only</p>"


def test_reserved_dimension_slugs_are_rejected():
    dimension = Dimension(name="Show", slug="show")
    with pytest.raises(ValidationError, match="is a name the site.s own addresses use"):
        dimension.full_clean()


def test_strategy_is_shared_between_comparisons_without_retyping_cells(grid):
    cell = Cell.objects.create(strategy=grid["strategy"], dimension=grid["location"], text="x")
    for slug in ("one", "two"):
        comparison = Comparison.objects.create(title=slug, slug=slug, is_published=True)
        comparison.strategies.add(grid["strategy"])
        comparison.dimensions.add(grid["location"])
    assert Cell.objects.count() == 1
    assert {c.slug for c in cell.strategy.comparisons.all()} == {"one", "two"}


def test_str_and_urls(grid):
    comparison = Comparison.objects.create(title="T", slug="t")
    assert str(comparison) == "T"
    assert comparison.get_absolute_url() == "/compare/t/"
    assert str(grid["abroad"]) == "Location: Abroad"
    cell = Cell.objects.create(strategy=grid["strategy"], dimension=grid["location"])
    assert str(cell) == "Offshoring × Location"
