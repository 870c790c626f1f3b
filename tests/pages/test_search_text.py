"""Search text handling without a database: spelling, stemming, query parsing, excerpts."""

import pytest

from editorial.search.excerpt import excerpt
from editorial.search.query import MAX_QUERY_LENGTH, MAX_WORDS, clean, parse
from editorial.search.spelling import americanise, index_text
from editorial.search.stemming import stem


@pytest.mark.parametrize(
    "british, american",
    [
        ("labour", "labor"),
        ("labourers", "laborers"),
        ("centre", "center"),
        ("centres", "centers"),
        ("organisation", "organization"),
        ("organisations", "organizations"),
        ("specialise", "specialize"),
        ("specialised", "specialized"),
        ("specialising", "specializing"),
        ("realise", "realize"),
        ("colour", "color"),
        ("favourite", "favorite"),
        ("behavioural", "behavioral"),
        ("neighbourhood", "neighborhood"),
        ("odour", "odor"),
        ("analyse", "analyze"),
        ("catalogue", "catalog"),
        ("travelled", "traveled"),
        ("counsellor", "counselor"),
        ("licence", "license"),
        ("defence", "defense"),
        ("programme", "program"),
        ("theatres", "theaters"),
        ("practise", "practice"),
    ],
)
def test_british_spellings_become_american(british, american):
    assert americanise(british) == american
    assert americanise(american) == american


@pytest.mark.parametrize(
    "word",
    [
        "otherwise",
        "advertise",
        "promise",
        "expertise",
        "enterprises",
        "hour",
        "your",
        "four",
        "tour",
        "contour",
        "devour",
        "outsourcing",
        "resources",
        "journal",
        "analysis",
        "crisis",
        "raise",
    ],
)
def test_words_outside_the_families_are_left_alone(word):
    assert americanise(word) == word


def test_index_text_folds_case_accents_ligatures_and_drops_stop_words():
    text = "The Labour of the Café: ﬁrst-class organisation"
    assert index_text(text) == "labor cafe first class organization"


@pytest.mark.parametrize(
    "family",
    [
        ["nearshore", "nearshoring", "nearshored"],
        ["outsource", "outsourcing", "outsourced", "outsources"],
        ["offshored", "offshoring", "offshore"],
        ["specialize", "specialized", "specializing"],
    ],
)
def test_a_word_and_its_family_share_a_stem(family):
    assert len({stem(word) for word in family}) == 1


def test_the_porter_stemmer_gives_the_published_examples():
    examples = {
        "caresses": "caress",
        "ponies": "poni",
        "agreed": "agre",
        "hopping": "hop",
        "filing": "file",
        "relational": "relat",
        "conditional": "condit",
        "vietnamization": "vietnam",
        "electrical": "electr",
        "adjustment": "adjust",
        "controll": "control",
    }
    assert {word: stem(word) for word in examples} == examples


def test_clean_folds_space_strips_controls_and_bounds_length():
    assert clean("  near\x00shoring \t costs ") == ("near shoring costs", False)
    query, shortened = clean("a" * 5000)
    assert len(query) == MAX_QUERY_LENGTH and shortened


def test_every_word_is_quoted_for_fts5_and_plain_for_postgresql():
    # A run of words joined by anything but spaces ("time-zone", "NEAR(labour") is a phrase.
    query = parse('NEAR(labour "cost centre" -legal) OR * ^ : title_index:x')
    assert query.fts5() == '(("near labor" AND "cost center") NOT "legal") OR ("title index x")'
    assert query.websearch() == '"near labor" "cost center" -legal or "title index x"'


def test_or_makes_alternatives_and_a_group_of_exclusions_alone_is_dropped():
    query = parse("outsourcing offshoring or nearshoring -legal or -payroll")
    assert query.websearch() == "outsourcing offshoring or nearshoring -legal"
    assert query.fts5() == '("outsourcing" AND "offshoring") OR (("nearshoring") NOT "legal")'


@pytest.mark.parametrize(
    "text",
    ['"', '""', "-", "--", "()", "*", "^", ":", "or", "OR OR", "-x", "the of and", "\x00"],
)
def test_nothing_searchable_gives_an_empty_query(text):
    assert not parse(clean(text)[0])


def test_at_most_max_words_are_searched():
    query = parse(" ".join(f"word{i}" for i in range(100)))
    words = [w for g in query.groups for p in g.include for w in p.words]
    assert len(words) == MAX_WORDS and query.words_dropped


def test_excerpt_marks_stemmed_matches_and_escapes_text():
    html = excerpt("Costs <b>&</b> risks of nearshoring, and <script>x</script>", {"nearshor"})
    assert "<mark>nearshoring</mark>" in html
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in html and "<script>" not in html


def test_excerpt_marks_british_spelling_for_an_american_query():
    assert "<mark>labour</mark>" in excerpt("Cheaper labour abroad.", parse("labor").stems)


def test_excerpt_starts_near_the_first_match_of_a_long_text():
    text = "Filler words here. " * 200 + "Reshoring brings work home." + " More." * 200
    html = excerpt(text, parse("reshore").stems)
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>Reshoring</mark>" in html and len(html) < 400
