"""The search page: what it finds, in which order, how it shows it, and what it refuses."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import slugify

from comparisons.models import Comparison
from content.models import Article
from editorial.search import backends, index
from pages.search import MAX_WORDS, clean_query, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(starter):
    """The starter content, indexed (the starter fixture copies rows without signals)."""
    index.rebuild()


def article(title, body, **fields):
    fields.setdefault("published_at", timezone.now() - datetime.timedelta(days=1))
    fields.setdefault("status", Article.Status.PUBLISHED)
    return Article.objects.create(
        title=title, slug=slugify(title), summary="A test article.", body=body, **fields
    )


def titles(query):
    return [hit.title for hit in search(clean_query(query)[0]).hits]


def page(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_empty_query_shows_examples(client):
    html = page(client, "")
    assert "Type a word such as" in html and html.count("<h1") == 1


def test_finds_every_kind_with_its_label(client, indexed):
    html = page(client, "nearshoring")
    for label in ["Glossary term", "Article", "Comparison cell", "Pair of strategies"]:
        assert f'<p class="kind">{label}' in html, label
    assert 'href="/glossary/nearshoring/"' in html
    assert 'href="/articles/offshore-outsourcing-and-nearshoring/"' in html
    assert 'href="/compare/sourcing-models/offshoring-vs-nearshoring/"' in html
    assert "/compare/sourcing-models/?show=" in html
    comparison = page(client, "sourcing models side by side")
    assert '<p class="kind">Comparison</p>' in comparison


def test_the_page_keeps_one_h1_a_labelled_input_and_a_list(client, indexed):
    html = page(client, "offshoring")
    assert html.count("<h1") == 1
    assert '<label for="search-q">' in html and 'id="search-q"' in html
    assert '<ol class="search-results">' in html and 'role="status"' in html


def test_the_best_match_comes_first(indexed):
    assert titles("nearshoring")[0] == "Nearshoring"
    assert titles("captive centre")[0] == "Captive centre"
    assert titles("reshoring")[0] == "Reshoring"


def test_a_title_match_beats_mentions_in_the_text(db):
    article("Zorblax in one page", "Nothing more to say.")
    article("Something else", "Zorblax, zorblax and zorblax again. " * 20)
    assert titles("zorblax") == ["Zorblax in one page", "Something else"]


@pytest.mark.parametrize(
    "query, written",
    [
        ("nearshore", "nearshoring"),
        ("nearshoring", "nearshore"),
        ("outsource", "outsourcing"),
        ("outsource", "outsourced"),
        ("outsourcing", "outsources"),
        ("offshored", "offshoring"),
        ("specialise", "specialization"),
        ("labor", "labour"),
    ],
)
def test_a_word_finds_its_family_and_marks_it(db, query, written):
    article("Family", f"Some text, then {written} in a sentence.")
    article("Unrelated", "Nothing about it at all.")
    (hit,) = search(clean_query(query)[0]).hits
    assert hit.title == "Family" and f"<mark>{written}</mark>" in hit.excerpt


@pytest.mark.parametrize(
    "british, american",
    [
        ("labour", "labor"),
        ("centre", "center"),
        ("organisation", "organization"),
        ("specialise", "specialize"),
        ("colour", "color"),
        ("behaviour", "behavior"),
        ("realised", "realized"),
        ("analyse", "analyze"),
        ("catalogue", "catalog"),
        ("travelled", "traveled"),
        ("licence", "license"),
        ("programme", "program"),
    ],
)
def test_british_and_american_spellings_find_each_other(db, british, american):
    article("British", f"Written with {british} here.")
    article("American", f"Written with {american} here.")
    article("Neither", "Written with nothing of the kind.")
    assert sorted(titles(british)) == ["American", "British"]
    assert sorted(titles(american)) == ["American", "British"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("payroll", ["Alpha", "Gamma"]),
        ("payroll -nearshoring", ["Alpha"]),
        ('"customer service"', ["Beta", "Gamma"]),
        ('"service customer"', []),
        ("payroll or home", ["Alpha", "Beta", "Gamma"]),
        ("provider abroad", ["Alpha"]),
        ("abroad or nearshore -payroll", ["Alpha"]),
        ("nearshore -payroll or home", ["Beta"]),
        ("the of and", []),
    ],
)
def test_websearch_syntax_gives_the_same_results_on_every_database(db, query, expected):
    article("Alpha", "Payroll moves to a provider abroad.")
    article("Beta", "Customer service stays at home, with the company's own staff.")
    article("Gamma", "Payroll and customer service both go to a nearshore provider.")
    assert sorted(titles(query)) == expected


def test_excerpts_mark_stemmed_matches(client, indexed):
    html = page(client, "nearshore")
    assert re.search(r"<mark>[Nn]earshoring</mark>", html)
    assert "<mark>" not in html.split("<h1", 1)[0]


def test_excerpts_are_escaped(client, db):
    article("Escaped", "Costs & risks of `<script>alert(1)</script>` nearshoring.")
    html = page(client, "nearshoring")
    assert "&amp; risks" in html and "<script>alert(1)" not in html


def test_no_result_suggests_the_closest_glossary_terms(client, indexed):
    html = page(client, "outsorcing")
    assert "Nothing found for “outsorcing”" in html
    suggestions = html.split('<ul class="suggestions">', 1)[1].split("</ul>", 1)[0]
    assert 'href="/glossary/outsourcing/"' in suggestions
    assert 'class="suggestions"' not in page(client, "zzzzqqqxx")


HOSTILE = [
    "\x00",
    "off\x00shoring",
    '"',
    '"unclosed phrase',
    "NEAR(offshoring outsourcing, 2)",
    "offshoring*",
    "^offshoring",
    "title_index:offshoring",
    "{title_index body_index}: offshoring",
    "- -- -offshoring",
    "(offshoring OR) AND NOT (",
    "or or or",
    "%",
    "_",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "🙂" * 50,
    "a" * 5000,
    "offshoring " * 100,
    "نقل العمل إلى الخارج",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_get_a_clear_answer(client, indexed, query):
    html = page(client, query)
    assert html.count("<h1") == 1
    assert "<script>alert(1)</script>" not in html


def test_a_long_query_is_shortened_with_a_notice(client, indexed):
    assert "shortened to its first 100 characters" in page(client, "x" * 5000)
    html = page(client, " ".join(f"offshoring{i}" for i in range(100)))
    assert f"Only the first {MAX_WORDS} words of your search were used." in html


def test_a_100_word_query_costs_the_queries_of_a_one_word_query(client, indexed):
    counts = []
    for query in ["offshoring", "offshoring outsourcing nearshoring " * 34, "a(" * 2500]:
        with CaptureQueriesContext(connection) as queries:
            page(client, query)
        counts.append(len(queries))
    assert counts[0] == counts[1] >= counts[2]


def test_drafts_and_scheduled_articles_are_not_found(db, monkeypatch):
    article("Draft plan", "unicornword", status=Article.Status.DRAFT)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    article("Scheduled plan", "unicornword", published_at=tomorrow)
    assert titles("unicornword") == []
    # The day after, the scheduled article is found without being saved again.
    later = tomorrow + datetime.timedelta(hours=1)
    monkeypatch.setattr(backends.timezone, "now", lambda: later)
    assert titles("unicornword") == ["Scheduled plan"]


def test_cells_and_pairs_of_unpublished_comparisons_are_not_found(indexed):
    comparison = Comparison.objects.get(slug="sourcing-models")
    comparison.is_published = False
    comparison.save()
    urls = [hit.url for hit in search("reshoring").hits]
    assert "/glossary/reshoring/" in urls
    assert not [url for url in urls if url.startswith("/compare/sourcing-models/")]
