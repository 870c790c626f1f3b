from html.parser import HTMLParser

import pytest

from editorial.markup import render_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[ref][x]\n\n[x]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![img](javascript:alert(1))",
    '<a href="javascript:alert(1)">raw</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "[data](data:text/html,<script>alert(1)</script>)",
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    '<div hx-get="/admin/" hx-trigger="load">htmx</div>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    'Paragraph\n{: onclick="alert(1)" hx-get="/x" }',
    '<iframe src="https://evil.example"></iframe>',
    '<form action="https://evil.example"><input name=x></form>',
    '<a href="https://example.com" onclick="alert(1)">ok</a>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<object data="javascript:alert(1)"></object>',
    "<!-- <script>alert(1)</script> -->",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
]

FORBIDDEN_TAGS = {"script", "style", "iframe", "form", "input", "svg", "math", "object"}
FORBIDDEN_TAGS |= {"img", "base", "meta", "embed", "link"}
SAFE_SCHEMES = ("http:", "https:", "mailto:", "/", "#")


class Elements(HTMLParser):
    """Every (tag, attributes) pair in an HTML fragment, as a browser's tokenizer sees them."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markdown_never_reaches_the_page(source):
    html = render_markdown(source)
    for tag, attrs in Elements(html).found:
        assert tag not in FORBIDDEN_TAGS, html
        for name, value in attrs.items():
            assert not name.startswith(("on", "hx-", "data-")), html
            assert name not in {"style", "src", "action", "formaction", "xlink:href"}, html
            if name == "href":
                assert value.strip().lower().startswith(SAFE_SCHEMES), html


def test_attribute_lists_stay_text_not_attributes():
    html = render_markdown('Paragraph\n{: onclick="alert(1)" }')
    assert Elements(html).found == [("p", {})]


def test_plain_markdown_renders_tables_headings_and_code():
    html = render_markdown(
        "## Costs\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n```python\nx = 1\n```\n\n[ok](https://example.com)"
    )
    assert '<h2 id="costs">Costs</h2>' in html
    assert "<table>" in html and "<td>2</td>" in html
    assert '<code class="language-python">' in html
    assert '<a href="https://example.com" rel="noopener noreferrer">ok</a>' in html


def test_top_level_heading_becomes_h2_so_the_page_keeps_one_h1():
    assert render_markdown("# Title").startswith('<h2 id="title">')


def test_relative_and_mailto_links_are_kept():
    html = render_markdown("[table](/compare/outsourcing-vs-offshoring/) [mail](mailto:a@b.org)")
    assert 'href="/compare/outsourcing-vs-offshoring/"' in html
    assert 'href="mailto:a@b.org"' in html


def test_empty_text_renders_empty():
    assert render_markdown("") == ""


# The bounds on Python-Markdown's work (markup._Bounded) change nothing ordinary text renders to.


@pytest.mark.parametrize(
    "source, html",
    [
        # A one-column table needs a pipe on every row, not only on the first two.
        ("| a |\n|---|\n| b |\nc", "<p>| a |\n|---|\n| b |\nc</p>"),
        ("| a |\n|---|\n| b |", "<table>\n<thead>\n<tr>\n<th>a</th>"),
        # The lines after a heading, an hr or a quote are still read, in the same block.
        ("A\n===\nB\n---\ntext", '<h2 id="a">A</h2>\n<h2 id="b">B</h2>\n<p>text</p>'),
        ("x\n***\ny\n***\nz", "<p>x</p>\n<hr>\n<p>y</p>\n<hr>\n<p>z</p>"),
        ("> q\nlazy\n> r", "<blockquote>\n<p>q\nlazy\nr</p>\n</blockquote>"),
        # A fence left open does not hide a later closed one.
        ("```a\nx\n\n~~~\ncode\n~~~", "<p>```a\nx</p>\n<pre><code>code\n</code></pre>"),
        ("a <b c", "<p>a &lt;b c</p>"),
        ("[r]: /u\n[r] and [s][r]", '<p><a href="/u" rel="noopener noreferrer">r</a> and <a'),
    ],
)
def test_bounded_markdown_renders_ordinary_text_as_python_markdown_does(source, html):
    assert render_markdown(source).startswith(html)


def test_links_after_many_stray_brackets_are_still_links():
    html = render_markdown("[" * 100 + " [ok](https://example.com)\n\n" + "[" * 300)
    assert '<a href="https://example.com" rel="noopener noreferrer">ok</a>' in html


@pytest.mark.parametrize(
    "source",
    ["+ " * 5000, "1. " * 5000, ">" * 10000, "*" * 4999 + "a" + "*" * 4999, "*a _a " * 2000],
    ids=["bullets", "numbers", "quotes", "emphasis pyramid", "emphasis nesting"],
)
def test_deep_nesting_renders_text_instead_of_exhausting_the_stack(source):
    html = render_markdown(source)
    assert html.count("<li>") <= 40 and html.count("<blockquote>") <= 40
    assert "a" in html or "+" in html or "1." in html or "&gt;" in html
