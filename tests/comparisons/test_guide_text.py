"""The guide's text helpers (comparisons.guide_text): plain lines, first sentences, short
reasons."""

from comparisons.guide_text import first_sentence, join_snippets, plain_lines, trim


def test_plain_lines_and_first_sentence():
    html = "<ul>\n<li>First <strong>item</strong> &amp; more</li>\n<li>Second</li>\n</ul>"
    assert plain_lines(html) == ["First item & more", "Second"]
    assert first_sentence(html) == "First item & more"
    assert first_sentence("<p>Either. The provider can be anywhere. Really.</p>") == (
        "Either. The provider can be anywhere."
    )
    assert first_sentence("<p>A long enough first sentence. Second one.</p>") == (
        "A long enough first sentence."
    )
    assert first_sentence("<p>Compare e.g. vs. offshoring here. Next.</p>") == (
        "Compare e.g. vs. offshoring here."
    )
    assert first_sentence("") == ""


def test_trim_and_join_keep_reasons_short():
    assert trim("short", 10) == "short"
    assert trim("one two three four", 10) == "one two…"
    assert len(trim("x" * 50, 10)) == 10
    assert join_snippets(["a" * 5, "b" * 5, "c" * 20], max_length=12) == "aaaaa bbbbb"
    assert join_snippets(["a" * 30], max_length=12) == "aaaaaaaaaaa…"
