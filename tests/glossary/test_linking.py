import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comparisons.models import Cell, Comparison, Dimension, Strategy
from content.models import Article
from editorial.markup import render_markdown
from editorial.terms import current_matcher, link_terms, mentioned_terms
from glossary.models import Term

pytestmark = pytest.mark.django_db


@pytest.fixture
def glossary(make_term):
    make_term("Outsourcing", short_definition="Another company does the work.")
    make_term("Offshoring", short_definition="The work moves abroad.")
    make_term("Offshore outsourcing", short_definition="A provider abroad.")
    make_term("Captive centre", also_known_as="captive center", short_definition="Own office.")
    make_term("In-house", short_definition="Own staff.")


def link(slug, text, title):
    return f'<a class="term" href="/glossary/{slug}/" title="{title}">{text}</a>'


def linked(html, exclude_slug=None):
    """`html` with the glossary's terms linked, as a save links them."""
    return link_terms(html, current_matcher(), exclude_slug)


OUT = link("outsourcing", "outsourcing", "Another company does the work.")


def test_first_occurrence_only(glossary):
    html = linked("<p>outsourcing and outsourcing</p><p>more outsourcing</p>")
    assert html == f"<p>{OUT} and outsourcing</p><p>more outsourcing</p>"


def test_longest_name_wins(glossary):
    html = linked("<p>Offshore outsourcing differs from offshoring and outsourcing.</p>")
    assert html == (
        "<p>"
        + link("offshore-outsourcing", "Offshore outsourcing", "A provider abroad.")
        + " differs from "
        + link("offshoring", "offshoring", "The work moves abroad.")
        + " and "
        + OUT
        + ".</p>"
    )


def test_a_linked_long_name_does_not_leave_its_parts_linked_later(glossary):
    html = linked("<p>Offshore outsourcing. Offshore outsourcing again.</p>")
    assert html.count('class="term"') == 1


def test_case_insensitive_whole_words_synonyms_and_plurals(glossary):
    html = linked("<p>OUTSOURCINGS, outsourced, Captive Centers, in house</p>")
    assert link("outsourcing", "OUTSOURCINGS", "Another company does the work.") in html
    assert link("captive-centre", "Captive Centers", "Own office.") in html
    assert link("in-house", "in house", "Own staff.") in html
    assert "outsourced" in html and html.count('class="term"') == 3
    assert 'class="term"' not in linked("<p>nonoutsourcing, outsourcingly</p>")


def test_never_inside_links_headings_code_or_pre(glossary):
    source = (
        '<h2 id="outsourcing">Outsourcing</h2>'
        '<p><a href="/x">about outsourcing</a> <code>outsourcing</code></p>'
        "<pre><code>outsourcing</code></pre>"
        "<h3>nested <em>outsourcing</em></h3>"
        "<p>then outsourcing</p>"
    )
    html = linked(source)
    assert html == source.replace("<p>then outsourcing</p>", f"<p>then {OUT}</p>")


def test_tags_attributes_and_entities_survive(glossary):
    source = (
        '<p title="outsourcing &quot;x&quot; > y">R&amp;D &lt;b&gt; outsourcing</p>'
        '<div class="live-table" data-compare="outsourcing-vs-offshoring"></div>'
        "<p>caf\u00e9&nbsp;offshoring</p>"
    )
    html = linked(source)
    assert html.startswith(f'<p title="outsourcing &quot;x&quot; > y">R&amp;D &lt;b&gt; {OUT}</p>')
    assert '<div class="live-table" data-compare="outsourcing-vs-offshoring"></div>' in html
    assert "caf\u00e9\u00a0" + link("offshoring", "offshoring", "The work moves abroad.") in html


def test_untouched_html_is_returned_as_is(glossary):
    source = "<p>Nothing to see &amp; nothing &#39;linked&#39;.</p>"
    assert linked(source) == source
    assert linked("") == ""


def test_hostile_short_definition_is_escaped(make_term):
    make_term("Reshoring", short_definition='"><script>alert(1)</script>')
    html = linked(render_markdown("Reshoring is back."))
    assert "<script" not in html
    assert 'title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_hostile_names_are_literal_not_regex(make_term):
    make_term("C++ (plus)", slug="cpp", also_known_as=".*, a|b")
    html = linked("<p>Use C++ (plus) here; x.*y; a|b.</p>")
    assert link("cpp", "C++ (plus)", "What C++ (plus) means.") in html
    assert html.count('class="term"') == 1


def test_exclude_slug_is_never_linked_but_still_consumes_its_words(glossary):
    html = linked(
        "<p>Offshore outsourcing mixes offshoring and outsourcing.</p>",
        exclude_slug="offshore-outsourcing",
    )
    assert "/glossary/offshore-outsourcing/" not in html
    assert html.startswith("<p>Offshore outsourcing mixes <a")
    assert html.count('class="term"') == 2


def test_one_query_per_call(glossary):
    with CaptureQueriesContext(connection) as queries:
        linked("<p>outsourcing offshoring in-house captive centre</p>" * 50)
    assert len(queries) == 1


def test_no_terms_no_change(db):
    assert linked("<p>outsourcing</p>") == "<p>outsourcing</p>"


def test_mentioned_terms_in_order(glossary):
    terms = Term.objects.all()
    found = mentioned_terms("In-house or offshore outsourcing? Outsourcing.", terms)
    assert [t.slug for t in found] == ["in-house", "offshore-outsourcing", "outsourcing"]


# Rerendering: stored HTML follows the glossary.


def test_new_term_links_existing_articles_cells_and_terms(
    db, make_term, django_capture_on_commit_callbacks
):
    article = Article.objects.create(
        title="Why reshoring", slug="why", summary="s", body="## Reshoring\n\nReshoring grows."
    )
    cell = Cell.objects.create(
        strategy=Strategy.objects.create(name="S", slug="s"),
        dimension=Dimension.objects.create(name="D", slug="d"),
        text="Think of reshoring.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        offshoring = make_term("Offshoring", definition="The reverse of reshoring.")
    updated_at = Article.objects.get(pk=article.pk).updated_at
    assert "/glossary/reshoring/" not in Article.objects.get(pk=article.pk).body_html

    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        make_term("Reshoring", short_definition="Work comes home.")
        make_term("Nearshoring")  # one rerender per transaction, however many terms change
    # Each save bumps the content version, and so does each re-render pass: two saves, one pass.
    bumps = [q for q in queries if q["sql"].startswith('UPDATE "pagecache_contentversion"')]
    assert len(bumps) == 3

    article.refresh_from_db()
    assert article.body_html.count('class="term"') == 1
    assert '<h2 id="reshoring">Reshoring</h2>' in article.body_html
    assert link("reshoring", "Reshoring", "Work comes home.") + " grows." in article.body_html
    assert article.updated_at == updated_at  # a rerender is not an editorial update
    cell.refresh_from_db()
    assert 'href="/glossary/reshoring/"' in cell.text_html
    offshoring.refresh_from_db()
    assert 'href="/glossary/reshoring/"' in offshoring.definition_html

    # Deleting the term removes its links again.
    with django_capture_on_commit_callbacks(execute=True):
        Term.objects.get(slug="reshoring").delete()
    article.refresh_from_db()
    cell.refresh_from_db()
    assert "/glossary/reshoring/" not in article.body_html + cell.text_html


def test_changes_are_not_rerendered_before_commit(
    db, make_term, django_capture_on_commit_callbacks
):
    article = Article.objects.create(title="t", slug="t", summary="s", body="Reshoring.")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_term("Reshoring")
    assert len(callbacks) == 1
    article.refresh_from_db()
    assert "/glossary/" not in article.body_html


def test_labels_without_letters_or_digits_are_ignored(make_term):
    make_term(
        "Outsourcing", also_known_as="-, ?, ,", short_definition="Another company does the work."
    )
    assert Term.objects.get().labels == ["Outsourcing", "-", "?"]
    assert linked("<p>- ? outsourcing</p>") == f"<p>- ? {OUT}</p>"


def test_starter_article_and_table_link_their_terms(client, starter):
    article = client.get("/articles/offshore-outsourcing-and-nearshoring/").content.decode()
    assert re.search(r'<a class="term" href="/glossary/nearshoring/" title="[^"]+">', article)
    table = client.get("/compare/sourcing-models/").content.decode()
    assert re.search(r'<td>.*?<a class="term" href="/glossary/[a-z-]+/"', table, re.S)


def test_every_markdown_field_links_terms_on_save(glossary):
    # Articles, cells, comparison intros and definitions share one render-on-save.
    comparison = Comparison.objects.create(title="C", slug="c", intro="Why outsourcing?")
    assert comparison.intro_html == f"<p>Why {OUT}?</p>"
    term = Term.objects.get(slug="offshoring")
    term.definition = "Not outsourcing, and not offshoring itself."
    term.save()
    assert term.definition_html == f"<p>Not {OUT}, and not offshoring itself.</p>"
