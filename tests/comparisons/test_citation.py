"""“Cite this” (comparisons.citation): plain text and BibTeX, from what an embed shows."""

import datetime

from comparisons.citation import bibtex_escape, bibtex_key, cite

URL = "https://example.org/compare/outsourcing-vs-offshoring/?location=abroad"
DATE = datetime.date(2026, 11, 27)


def test_plain_text_names_title_site_version_date_and_address():
    citation = cite("Outsourcing vs. offshoring", "Sourcing Explained", URL, 3, DATE)
    assert citation.plain == (
        "“Outsourcing vs. offshoring”. Sourcing Explained, version 3, 27 November 2026. " + URL
    )


def test_bibtex_entry_has_every_field_on_its_own_line():
    citation = cite("Outsourcing vs. offshoring", "Sourcing Explained", URL, 3, DATE)
    assert citation.bibtex == "\n".join(
        [
            "@misc{sourcing-explained-outsourcing-vs-offshoring-v3,",
            "  title = {Outsourcing vs. offshoring},",
            "  howpublished = {Sourcing Explained},",
            "  version = {3},",
            "  date = {2026-11-27},",
            "  year = {2026},",
            "  month = nov,",
            "  url = {" + URL + "},",
            "}",
        ]
    )


def test_a_datetime_counts_by_its_date():
    moment = datetime.datetime(2026, 1, 5, 23, 59, tzinfo=datetime.UTC)
    citation = cite("T", "S", URL, 1, moment)
    assert "5 January 2026" in citation.plain
    assert "  date = {2026-01-05}," in citation.bibtex and "  month = jan," in citation.bibtex
    assert citation.date == datetime.date(2026, 1, 5)


def test_without_version_or_date_only_what_is_known_is_said():
    citation = cite("Outsourcing vs. offshoring", "Sourcing Explained", URL)
    assert citation.plain == "“Outsourcing vs. offshoring”. Sourcing Explained. " + URL
    assert "version" not in citation.bibtex and "year" not in citation.bibtex
    assert citation.bibtex.startswith("@misc{sourcing-explained-outsourcing-vs-offshoring,\n")
    assert citation.version is None and citation.date is None


def test_version_zero_means_no_version_yet():
    citation = cite("T", "S", URL, 0, DATE)
    assert "version" not in citation.plain and "version" not in citation.bibtex
    assert bibtex_key("S", "T", 0, DATE) == "s-t-20261127"


def test_latex_special_characters_are_escaped_in_values():
    title = r"Costs {50%} & risks: #1_a^b~c $x\y"
    assert bibtex_escape(title) == (
        r"Costs \{50\%\} \& risks: \#1\_a\^{}b\~{}c \$x\textbackslash{}y"
    )
    citation = cite(title, "Q&A {site}", URL, 2, DATE)
    assert r"  title = {Costs \{50\%\} \& risks: \#1\_a\^{}b\~{}c \$x\textbackslash{}y}," in (
        citation.bibtex
    )
    assert r"  howpublished = {Q\&A \{site\}}," in citation.bibtex
    # Every brace the entry holds is balanced, whatever the title held.
    depth = 0
    for previous, char in zip(" " + citation.bibtex, citation.bibtex, strict=False):
        if previous != "\\" and char in "{}":
            depth += 1 if char == "{" else -1
            assert depth >= 0
    assert depth == 0


def test_line_breaks_in_a_title_do_not_break_the_entry():
    assert bibtex_escape("Two\nlines\t here") == "Two lines here"


def test_url_keeps_its_percent_encoding_and_loses_raw_braces():
    citation = cite("T", "S", "https://example.org/a?q=caf%C3%A9&x={y}\\", 1, DATE)
    assert "  url = {https://example.org/a?q=caf%C3%A9&x=%7By%7D%5C}," in citation.bibtex


def test_key_is_stable_ascii_and_follows_the_version():
    key = bibtex_key("Sourcing Explained", "Offshoring vs. nearshoring", 4, DATE)
    assert key == "sourcing-explained-offshoring-vs-nearshoring-v4"
    assert key == bibtex_key("Sourcing Explained", "Offshoring vs. nearshoring", 4, DATE)
    assert bibtex_key("Sourcing Explained", "Offshoring vs. nearshoring", 5) != key
    assert bibtex_key("Ça va", "Été {x}", 1) == "ca-va-ete-x-v1"
    assert bibtex_key("", "“”", 1) == "site-table-v1"
