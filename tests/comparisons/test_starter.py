import io
import re

import pytest
from django.core.management import call_command

from comparisons.models import Cell, Comparison, Dimension, Option, Strategy
from comparisons.starter import read_starter
from content.models import Article

pytestmark = pytest.mark.django_db


def load():
    out = io.StringIO()
    call_command("load_starter", stdout=out)
    return out.getvalue()


def counts():
    return [m.objects.count() for m in (Article, Comparison, Strategy, Dimension, Option, Cell)]


def test_loading_twice_creates_nothing_the_second_time():
    first = load()
    assert "2 comparisons" in first and "4 articles" in first
    before = counts()
    second = load()
    assert counts() == before
    assert re.fullmatch(r"Starter content: created (0 \w+, )+0 articles\.\n", second)


def test_reloading_keeps_what_editors_changed():
    load()
    cell = Cell.objects.get(strategy__slug="outsourcing", dimension__slug="definition")
    cell.text = "Edited by an editor."
    cell.save()
    article = Article.objects.get(slug="outsourcing-vs-offshoring")
    article.title = "Edited title"
    article.save()
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    comparison.strategy_links.filter(strategy__slug="offshore-outsourcing").delete()
    load()
    assert Cell.objects.get(pk=cell.pk).text == "Edited by an editor."
    assert Article.objects.get(slug="outsourcing-vs-offshoring").title == "Edited title"
    assert comparison.strategies.count() == 2


def test_starter_matches_the_contract():
    load()
    main = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    assert main.title == "Outsourcing vs. offshoring" and main.is_published
    order = [link.strategy.slug for link in main.strategy_links.all()]
    assert order == ["outsourcing", "offshoring", "offshore-outsourcing"]
    rows = {link.dimension.slug for link in main.dimension_links.all()}
    assert {"location", "performer", "goal"} <= rows
    assert {"definition", "what-moves", "drivers", "benefits", "risks", "examples"} <= rows
    family = Comparison.objects.get(slug="sourcing-models")
    assert family.strategies.count() == 7
    assert {"location", "performer", "goal"} <= {d.slug for d in family.dimensions.all()}
    articles = Article.objects.published()
    assert {"outsourcing-vs-offshoring", "when-to-outsource-or-offshore"} <= {
        a.slug for a in articles
    }
    assert articles.count() >= 4
    for article in articles:
        assert 'href="/compare/outsourcing-vs-offshoring/' in article.body_html, article.slug


def test_every_cell_of_both_comparisons_is_filled():
    load()
    for comparison in Comparison.objects.all():
        for strategy in comparison.strategies.all():
            for dimension in comparison.dimensions.all():
                cell = Cell.objects.get(strategy=strategy, dimension=dimension)
                assert cell.text.strip(), f"{strategy} × {dimension} is empty"
                if dimension.filterable and strategy.slug not in {"in-house", "reshoring"}:
                    assert cell.options.exists(), f"{strategy} × {dimension} has no option"


def test_starter_files_only_name_existing_slugs():
    catalogue, data = read_starter()
    dimensions = {d["slug"]: d for d in catalogue["dimensions"]}
    strategies = {s["slug"]: s for s in catalogue["strategies"]}
    for strategy in catalogue["strategies"]:
        for dim, cell in strategy["cells"].items():
            valid = {o["slug"] for o in dimensions[dim].get("options", [])}
            assert set(cell.get("options", [])) <= valid, (strategy["slug"], dim)
    for comparison in data["comparisons"]:
        assert set(comparison["strategies"]) <= set(strategies)
        assert set(comparison["dimensions"]) <= set(dimensions)
