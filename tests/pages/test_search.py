import pytest

from content.models import Article
from pages.search import MAX_QUERY_LENGTH, clean_query, highlight

pytestmark = pytest.mark.django_db


def test_clean_query_folds_space_strips_controls_and_bounds_length():
    assert clean_query("  near\x00shoring \t costs ") == ("near shoring costs", False)
    query, shortened = clean_query("a" * 500)
    assert len(query) == MAX_QUERY_LENGTH and shortened


def test_highlight_escapes_and_marks_matches():
    html = highlight(
        "<p>Offshoring &amp; <b>outsourcing</b> <script>x</script></p>", ["OUTSOURCING"]
    )
    assert "<mark>outsourcing</mark>" in html
    assert "<script>" not in html and "&amp;" in html


def test_empty_query_shows_suggestions(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "Type a word such as" in response.content.decode()


def test_finds_articles_glossary_and_cells_with_highlights(client, starter):
    html = client.get("/search/", {"q": "nearshoring"}).content.decode()
    assert "Offshore outsourcing and nearshoring" in html or "nearshoring" in html.lower()
    assert "<mark>" in html
    assert 'href="/glossary/nearshoring/"' in html
    assert "/compare/sourcing-models/?show=" in html


def test_every_word_must_match(client, starter):
    html = client.get("/search/", {"q": "payroll zzzzzz"}).content.decode()
    assert "Nothing found for “payroll zzzzzz”" in html


def test_drafts_are_not_found(client, starter):
    Article.objects.create(title="Secret plan", slug="secret", summary="s", body="unicornword")
    html = client.get("/search/", {"q": "unicornword"}).content.decode()
    assert "Secret plan" not in html and "Nothing found" in html


@pytest.mark.parametrize(
    "q", ["\x00", "%", "_", "' OR 1=1 --", "<script>alert(1)</script>", "a" * 5000, "🙂" * 50]
)
def test_hostile_queries_get_a_clear_answer(client, starter, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_long_query_is_shortened_with_a_notice(client, starter):
    html = client.get("/search/", {"q": "offshoring " * 30}).content.decode()
    assert "shortened to its first 100 characters" in html
