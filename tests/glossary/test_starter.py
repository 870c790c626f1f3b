import io

import pytest
from django.core.management import call_command

from glossary.models import Term
from glossary.starter import load_terms, read_terms

pytestmark = pytest.mark.django_db

# Every term of shared/domain/facts.md.
FACTS_TERMS = {
    "outsourcing": "Outsourcing",
    "offshoring": "Offshoring",
    "offshore-outsourcing": "Offshore outsourcing",
    "domestic-outsourcing": "Domestic outsourcing",
    "onshoring": "Onshoring",
    "in-house": "In-house",
    "insourcing": "Insourcing",
    "nearshoring": "Nearshoring",
    "out-staffing": "Out-staffing",
    "reshoring": "Reshoring",
    "captive-centre": "Captive centre",
    "third-party-provider": "Third-party provider",
    "bpo": "BPO",
    "kpo": "KPO",
    "profit-sharing": "Profit sharing",
    "uberization": "Uberization",
}


def load():
    out = io.StringIO()
    call_command("load_starter", stdout=out)
    return out.getvalue()


def test_load_starter_creates_the_glossary_once():
    first = load()
    assert f"{len(read_terms())} terms" in first
    before = list(Term.objects.values_list("slug", "updated_at"))
    second = load()
    assert ", 0 terms" in second
    assert list(Term.objects.values_list("slug", "updated_at")) == before
    assert Term.objects.count() == len(read_terms())


def test_every_facts_term_is_present_and_complete(starter):
    terms = {t.slug: t for t in Term.objects.all()}
    assert set(FACTS_TERMS) <= set(terms)
    for slug, name in FACTS_TERMS.items():
        term = terms[slug]
        assert term.name == name
        assert term.short_definition and term.definition_html.startswith("<p>")
        assert "<h" not in term.definition_html  # short paragraphs, no headings
    assert "staff leasing" in terms["out-staffing"].synonyms
    assert "captive center" in terms["captive-centre"].synonyms
    assert "onshore outsourcing" in terms["domestic-outsourcing"].synonyms
    assert "business process outsourcing" in terms["bpo"].synonyms
    assert "knowledge process outsourcing" in terms["kpo"].synonyms
    # Insourcing explains both of its uses.
    insourcing = terms["insourcing"].definition
    assert "premises" in insourcing and "back" in insourcing


def test_starter_file_is_valid_and_has_no_clashing_names():
    entries = read_terms()
    slugs = [entry["slug"] for entry in entries]
    assert len(slugs) == len(set(slugs))
    labels = []
    for entry in entries:
        term = Term(**{k: entry.get(k, "") for k in ["name", "slug", "also_known_as"]})
        labels += [label.casefold() for label in term.labels]
        assert len(entry["short_definition"]) <= 300
        assert "##" not in entry["definition"]
    assert len(labels) == len(set(labels))


def test_existing_terms_are_never_changed(make_term):
    mine = make_term("Reshoring", short_definition="An editor's own words.")
    # An editor's term that uses a starter synonym: the starter term is skipped, not forced.
    make_term("Staff leasing")
    created = load_terms()
    assert created == len(read_terms()) - 2
    mine.refresh_from_db()
    assert mine.short_definition == "An editor's own words."
    assert not Term.objects.filter(slug="out-staffing").exists()
