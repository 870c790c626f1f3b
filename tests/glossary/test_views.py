import re

import pytest

pytestmark = pytest.mark.django_db


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


@pytest.fixture
def terms(make_term):
    return {
        "outsourcing": make_term("Outsourcing", short_definition="Another company does the work."),
        "offshoring": make_term("Offshoring", short_definition="The work moves abroad."),
        "offshore": make_term(
            "Offshore outsourcing",
            short_definition="A provider abroad.",
            definition="Combines outsourcing with offshoring. See also [BPO](/glossary/bpo/).",
        ),
        "bpo": make_term(
            "BPO",
            also_known_as="business process outsourcing",
            short_definition="Routine processes <outsourced> & more.",
        ),
        "nearshoring": make_term("nearshoring", short_definition="Nearby offshoring."),
    }


def test_list_groups_terms_by_letter_with_an_index(client, terms):
    response = client.get("/glossary/")
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(html) == 1
    assert response.context["nav"] == "glossary"
    assert 'aria-current="page">Glossary' in html
    assert '<a href="#letter-o">O</a>' in html and "<span>Z</span>" in html
    assert 'id="letter-b"' in html and 'id="letter-z"' not in html
    # A to Z whatever the case of the first letter.
    names = re.findall(r'<dt><a href="/glossary/[^"]+/">([^<]+)</a></dt>', html)
    assert names == ["BPO", "nearshoring", "Offshore outsourcing", "Offshoring", "Outsourcing"]
    assert "Routine processes &lt;outsourced&gt; &amp; more." in html
    assert '<meta name="description" content="Outsourcing, offshoring' in html
    assert "<title>Glossary of sourcing terms · Sourcing Explained</title>" in html


def test_empty_glossary_says_so(client, db):
    html = client.get("/glossary/").content.decode()
    assert "No term has been added to the glossary yet." in html


def test_detail_shows_definition_synonyms_related_terms_and_comparisons(client, terms):
    response = client.get("/glossary/offshore-outsourcing/")
    assert response.status_code == 200
    assert response.context["nav"] == "glossary"
    html = response.content.decode()
    assert h1_count(html) == 1
    assert "<h1>Offshore outsourcing</h1>" in html
    assert "<title>Offshore outsourcing: meaning · Sourcing Explained</title>" in html
    assert '<meta name="description" content="A provider abroad.">' in html
    assert "Combines" in html
    related = [t.slug for t in response.context["related"]]
    # In order of mention; a link's address is not a mention, its text is.
    assert related == ["outsourcing", "offshoring", "bpo"]
    assert "Related terms" in html
    assert 'href="/compare/outsourcing-vs-offshoring/"' in html
    assert 'href="/compare/sourcing-models/"' in html

    html = client.get("/glossary/bpo/").content.decode()
    assert "Also called: business process outsourcing" in html
    assert "Related terms" not in html


def test_related_terms_ignore_the_shorter_names_inside_its_own(client, make_term):
    make_term("Outsourcing")
    make_term(
        "Offshore outsourcing",
        definition="Offshore outsourcing is popular.",
    )
    response = client.get("/glossary/offshore-outsourcing/")
    assert response.context["related"] == []


@pytest.mark.parametrize(
    "path", ["/glossary/missing/", "/glossary/Bad%20Slug!/", "/glossary/a/b/", "/glossary/%00/"]
)
def test_unknown_or_malformed_slugs_are_404(client, terms, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/glossary/", "/glossary/outsourcing/"])
def test_only_get_and_head(client, terms, path):
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405


def test_no_inline_script_or_style(client, terms):
    for path in ["/glossary/", "/glossary/offshore-outsourcing/"]:
        html = client.get(path).content.decode()
        assert "<style" not in html and " style=" not in html
        # JSON-LD (breadcrumbs) is data that never runs: the only script without src allowed.
        assert not re.search(r'<script(?![^>]*\bsrc=)(?![^>]*type="application/ld\+json")', html)
        assert " on" + "click=" not in html and "hx-on" not in html
