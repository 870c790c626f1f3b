"""[[map comparison-slug ...]] in an article: the comparison's map, as it is now."""

import pytest
from django.test import Client

from comparisons.live_tables import resolve
from comparisons.models import Comparison
from content.models import Article
from editorial import shortcodes
from editorial.rendering import render_text
from tests.content.test_live_tables import make_article_with

pytestmark = pytest.mark.django_db

FOUR = "sourcing-models pick=in-house,domestic-outsourcing,offshoring,offshore-outsourcing"


def body(text):
    html, _headings = render_text(text, Article.markdown_fields[0])
    return html


def test_a_map_line_becomes_a_map_placeholder():
    html = body("Before.\n\n[[map sourcing-models pick=offshoring]]\n\nAfter.")
    assert html == (
        "<p>Before.</p>\n"
        '<div class="live-map" data-map="sourcing-models?pick=offshoring"></div>\n'
        "<p>After.</p>"
    )


def test_a_map_line_in_code_or_a_sentence_stays_as_written():
    html = body("```\n[[map sourcing-models]]\n```\n\nWrite [[map sourcing-models]] alone.")
    assert "live-map" not in html and shortcodes.TOKEN_WORD not in html
    assert "<pre><code>[[map sourcing-models]]\n</code></pre>" in html
    assert "Write [[map sourcing-models]] alone." in html


def test_a_malformed_map_line_leaves_a_trace_for_editors_only():
    assert body('[[map x" onload="alert(1)]]') == '<div class="live-map" data-map="-invalid"></div>'
    assert "live-map" not in body('<div class="live-map" data-map="sourcing-models"></div>')


def test_split_tells_tables_and_maps_apart():
    html = (
        '<div class="live-table" data-compare="a?location=abroad"></div><p>x</p>'
        '<div class="live-map" data-map="b?pick=c"></div><div class="live-map" data-map="-invalid">'
        "</div>"
    )
    table, text, drawing, broken = shortcodes.split(html)
    assert (table.kind, table.slug, table.params) == ("compare", "a", [("location", "abroad")])
    assert text == "<p>x</p>"
    assert (drawing.kind, drawing.slug, drawing.params) == ("map", "b", [("pick", "c")])
    assert broken.kind == "map" and broken.problems


def test_resolve_draws_the_map_with_its_pick_and_filters(starter):
    [live] = resolve([shortcodes.parse(FOUR, kind="map")])
    assert live.problem == "" and live.table is None
    names = {box.label: [s.slug for s in box.strategies] for box in live.map.boxes}
    assert names == {
        "Home country, A third-party provider": ["domestic-outsourcing"],
        "Abroad, A third-party provider": ["offshore-outsourcing"],
        "Home country, The company's own staff": ["in-house"],
        "Abroad, The company's own staff": ["offshoring"],
    }
    assert live.map.id_prefix == "t0-"


def test_resolve_explains_a_comparison_without_a_map(starter):
    Comparison.objects.filter(slug="sourcing-models").update(map_across=None, map_down=None)
    missing, unmapped, broken = resolve(
        [
            shortcodes.parse("no-such-table", kind="map"),
            shortcodes.parse("sourcing-models", kind="map"),
            shortcodes.parse("Bad!", kind="map"),
        ]
    )
    assert "no published comparison “no-such-table”" in missing.problem
    assert unmapped.map is None and "has no map" in unmapped.problem
    assert broken.map is None and "A [[map …]] line could not be read" in broken.problem


def test_the_main_article_shows_the_four_combinations_as_a_map(client, starter):
    html = client.get("/articles/outsourcing-vs-offshoring/").content.decode()
    section = html[html.index('id="the-four-combinations"') : html.index('id="summary-table"')]
    assert '<figure class="map-figure">' in section and 'role="group"' in section
    assert 'aria-labelledby="t' in section  # ids of its own, apart from the page's others
    # The text equivalent names each box's strategy: the article's four combinations.
    for box, name in [
        ("Home country, A third-party provider", "Domestic outsourcing"),
        ("Abroad, A third-party provider", "Offshore outsourcing"),
        ("Home country, The company&#x27;s own staff", "In-house"),
        ("Abroad, The company&#x27;s own staff", "Offshoring"),
    ]:
        assert f"{box}</a>: {name}</li>" in section
    assert "Nearshoring" not in section
    link = "/compare/sourcing-models/?pick=in-house&amp;pick=domestic-outsourcing"
    assert f'<a href="{link}' in section


def test_an_article_map_warns_staff_and_shows_readers_nothing_broken(staff_client, starter):
    article = make_article_with("Text.\n\n[[map outsourcing-vs-offshoring location=nowhere]]")
    Comparison.objects.filter(slug="outsourcing-vs-offshoring").update(map_down=None)
    public = Client().get(article.get_absolute_url()).content.decode()
    assert "Text." in public and "map-figure" not in public and "For editors" not in public
    staff = staff_client.get(article.get_absolute_url()).content.decode()
    assert "For editors:" in staff and "has no map" in staff
