"""Editors keep sources in the admin: a list of their own with search, forms that refuse what is
not a web address or not text, and on each source the cells and articles that cite it."""

import datetime

import pytest
from django.urls import reverse

from comparisons.models import Cell, CellSource
from content.models import Article, ArticleSource
from sources.models import Source

pytestmark = pytest.mark.django_db

ADD = reverse("admin:sources_source_add")
LIST = reverse("admin:sources_source_changelist")


def fields(**changes):
    return {
        "title": "Offshore outsourcing in practice",
        "url": "https://example.org/offshore",
        "publisher": "Example Press",
        "published": "2025-03-01",
        "accessed": "2026-11-27",
        "initial-accessed": "2026-11-27",
        **changes,
    }


def test_an_editor_adds_a_source_and_finds_it_in_the_list(editor_client):
    response = editor_client.post(ADD, fields())
    assert response.status_code == 302, response.text
    source = Source.objects.get()
    assert source.published == datetime.date(2025, 3, 1)
    assert source.history.count() == 1  # revisions, as every content model
    found = editor_client.get(LIST, {"q": "offshore"})
    assert found.status_code == 200
    assert "Offshore outsourcing in practice" in found.text
    assert "Offshore outsourcing" not in editor_client.get(LIST, {"q": "nothing-like-it"}).text


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/a", "data:,x"])
def test_a_link_that_is_not_a_web_address_is_refused_with_a_message(editor_client, url):
    response = editor_client.post(ADD, fields(url=url))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"]
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "Nul\x00title"},
        {"publisher": "Nul\x00press"},
        {"url": "https://example.org/\x00"},
        {"accessed": "2026-11-27\x00"},
        {"published": "\x00"},
        {"title": "x" * 1_000_000},
        {"publisher": "p" * 1_000_000},
        {"url": "https://example.org/" + "a" * 1_000_000},
        {"title": ""},
        {"accessed": "27/13/2026"},
    ],
    ids=lambda changes: f"{next(iter(changes))}-{len(next(iter(changes.values())))}",
)
def test_hostile_input_gets_a_form_error_never_a_500(editor_client, changes):
    response = editor_client.post(ADD, fields(**changes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == set(changes), errors
    assert not Source.objects.exists()


def test_a_huge_title_is_refused_with_a_clear_message(editor_client):
    response = editor_client.post(ADD, fields(title="x" * 1_000_000))
    assert "Ensure this value has at most 300 characters" in response.text


@pytest.mark.parametrize("query", ["\x00", "a\x00b"])
def test_nul_in_the_list_search_is_a_400(editor_client, query):
    assert editor_client.get(LIST, {"q": query}).status_code == 400


def test_the_change_page_lists_what_cites_the_source(editor_client, starter):
    outsourcing = Source.objects.get(url="https://en.wikipedia.org/wiki/Outsourcing")
    cell = Cell.objects.get(strategy__slug="outsourcing", dimension__slug="definition")
    article = Article.objects.get(slug="outsourcing-vs-offshoring")
    assert CellSource.objects.filter(cell=cell, source=outsourcing).exists()
    assert ArticleSource.objects.filter(article=article, source=outsourcing).exists()

    page = editor_client.get(reverse("admin:sources_source_change", args=[outsourcing.pk]))
    assert page.status_code == 200
    assert "Used by" in page.text
    cell_url = reverse("admin:comparisons_cell_change", args=[cell.pk])
    article_url = reverse("admin:content_article_change", args=[article.pk])
    assert f'<a href="{cell_url}">cell “Outsourcing × In one line”</a>' in page.text
    assert f'<a href="{article_url}">article “{article.title}”</a>' in page.text


def test_a_source_nothing_cites_says_so(editor_client):
    source = Source.objects.create(title="Alone", url="https://example.org/", accessed="2026-11-27")
    page = editor_client.get(reverse("admin:sources_source_change", args=[source.pk]))
    assert "Nothing cites this source yet." in page.text


def test_inlines_find_sources_by_autocomplete(editor_client, starter):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "comparisons",
            "model_name": "cellsource",
            "field_name": "source",
            "term": "offsh",
        },
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Offshoring (Wikipedia)"]
