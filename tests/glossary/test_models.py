import pytest
from django.core.exceptions import ValidationError

from glossary.models import Term

pytestmark = pytest.mark.django_db


def test_definition_is_rendered_and_sanitised_on_save(make_term):
    term = make_term(
        "Reshoring",
        definition="Bringing work **home**.\n\n<script>alert(1)</script>[x](javascript:alert(1))",
    )
    assert "<strong>home</strong>" in term.definition_html
    assert "<script" not in term.definition_html and "javascript:" not in term.definition_html

    term.definition = "Now *different*."
    term.save(update_fields=["definition"])
    term.refresh_from_db()
    assert term.definition_html == "<p>Now <em>different</em>.</p>"


def test_definition_links_other_terms_but_not_itself(make_term):
    make_term("Offshoring")
    term = make_term("Reshoring", definition="Reshoring undoes offshoring.")
    assert '<a class="term" href="/glossary/offshoring/"' in term.definition_html
    assert "/glossary/reshoring/" not in term.definition_html


def test_str_url_synonyms_and_ordering(make_term):
    make_term("Offshoring")
    term = make_term("Captive centre", also_known_as=" captive center ,, captive unit ")
    assert str(term) == "Captive centre"
    assert term.get_absolute_url() == "/glossary/captive-centre/"
    assert term.synonyms == ["captive center", "captive unit"]
    assert [t.name for t in Term.objects.all()] == ["Captive centre", "Offshoring"]


def test_every_field_explains_itself():
    for field in Term._meta.get_fields():
        if field.concrete and not field.primary_key:
            assert field.help_text, field.name


def test_a_name_or_synonym_used_by_another_term_is_refused(make_term):
    make_term("Out-staffing", also_known_as="staff leasing")
    term = Term(
        name="Staff leasing",
        slug="staff-leasing",
        also_known_as="OUT-STAFFING, leasing",
        short_definition="s",
        definition="d",
    )
    with pytest.raises(ValidationError) as caught:
        term.full_clean()
    errors = caught.value.message_dict
    assert errors["name"] == ["“Staff leasing” is already used by the term “Out-staffing”."]
    assert errors["also_known_as"] == ["“OUT-STAFFING” is already used by the term “Out-staffing”."]
