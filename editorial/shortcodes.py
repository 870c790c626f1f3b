"""Shortcodes: lines of Markdown that stand for something filled in at request time.

An editor writes, on a line of its own, a live table or a comparison's map:

    [[compare outsourcing-vs-offshoring location=abroad show=goal]]
    [[map sourcing-models pick=in-house,offshoring]]

On save the line becomes an empty placeholder element (added after sanitising, so it is ours,
not the editor's HTML); on each request a view splits the stored HTML at the placeholders and
fills each in (comparisons.live_tables puts the table or the map there as it is now). This module
only reads and writes text: it knows no model.

While Markdown runs, a shortcode line is a plain word, a token. Only a token that Markdown made
a paragraph of its own becomes a placeholder: anywhere else (a fenced or indented code block, a
paragraph with other lines) the line is shown as it was written.
"""

import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlencode

from django.http import QueryDict

# Groups: the indentation (kept, so that a line of a code block stays in it), the shortcode
# with the spaces after it, its kind, its arguments. The arguments start after the last space,
# so a long run of spaces is not tried again at each of its positions.
SHORTCODE_LINE = re.compile(
    r"^([ ]*)(\[\[(compare|map)[ ]+([^ \]\n][^\]\n]{0,399})?\]\][ ]*)$", re.MULTILINE
)
TOKEN_WORD = "LIVETABLESHORTCODE"
# Each kind's placeholder: its class and the attribute that holds the encoded shortcode.
PLACEHOLDERS = {"compare": ("live-table", "data-compare"), "map": ("live-map", "data-map")}
PLACEHOLDER = re.compile(
    "|".join(
        f'<div class="{css_class}" {attribute}="(?P<{kind}>[a-z0-9?=&_.-]*)"></div>'
        for kind, (css_class, attribute) in PLACEHOLDERS.items()
    )
)
INVALID = "-invalid"  # cannot be a slug: slugs start with a letter or digit
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")
PARAMETER = re.compile(r"^([a-z0-9][a-z0-9_-]{0,79})=([a-z0-9,_-]{1,200})$")


@dataclass
class Shortcode:
    slug: str
    params: list[tuple[str, str]]
    problems: list[str]
    kind: str = "compare"  # a key of PLACEHOLDERS

    @property
    def query(self):
        return urlencode(self.params)

    def querydict(self):
        return QueryDict(self.query)


def parse(arguments, kind="compare"):
    """`slug key=value key=a,b` -> Shortcode; anything malformed is reported, not raised."""
    words = arguments.split()
    problems = []
    slug = words[0].lower() if words else ""
    if not SLUG.match(slug):
        problems.append(f"“{slug[:60]}” is not a comparison slug.")
        slug = ""
    params = []
    for word in words[1:]:
        match = PARAMETER.match(word.lower())
        if not match:
            problems.append(f"“{word[:60]}” is not of the form filter=option.")
            continue
        name, values = match.groups()
        params += [(name, value) for value in values.split(",") if value]
    return Shortcode(slug, params, problems, kind)


def encode(shortcode):
    return shortcode.slug + ("?" + shortcode.query if shortcode.params else "")


def placeholder_html(shortcode):
    css_class, attribute = PLACEHOLDERS[shortcode.kind]
    if shortcode.problems or not shortcode.slug:
        # Keep a visible trace for editors: the view shows staff what went wrong.
        return f'<div class="{css_class}" {attribute}="{INVALID}"></div>'
    return f'<div class="{css_class}" {attribute}="{encode(shortcode)}"></div>'


def decode(value, kind="compare"):
    slug, _, query = value.partition("?")
    if slug == INVALID:
        return Shortcode("", [], ["The line could not be read."], kind)
    pairs = [(k, v) for k, values in QueryDict(query).lists() for v in values]
    return Shortcode(slug, pairs, [], kind)


@dataclass
class Extracted:
    """What `extract` took out of a text, for `restore` to put back."""

    word: str  # TOKEN_WORD, lengthened until the text does not contain it
    shortcodes: list = field(default_factory=list)
    lines: list = field(default_factory=list)  # each shortcode as written

    def tokens(self, before="", after=""):
        # At most 6 digits: an article has far fewer shortcodes, and int() refuses 4,300+.
        return re.compile(f"{before}{re.escape(self.word)}(\\d{{1,6}})X{after}")

    def line(self, match):
        index = int(match.group(1))
        return self.lines[index] if index < len(self.lines) else match.group(0)


def normalized(text):
    """`text` as Python-Markdown reads it before anything else (its NormalizeWhitespace), which
    changes nothing it renders: the lines seen here are the lines Markdown sees."""
    text = (text or "").replace("\x02", "").replace("\x03", "")
    return text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)


def extract(markdown_text):
    """Replace shortcode lines by plain tokens that survive Markdown and sanitising.
    Returns the text to render and what `restore` needs."""
    text = normalized(markdown_text)
    # A token word typed by hand (or left by a text rendered twice) stays text.
    typed = max((len(q) for q in re.findall(f"{TOKEN_WORD}(Q*)", text)), default=-1)
    found = Extracted(TOKEN_WORD + "Q" * (typed + 1))

    def token(match):
        found.shortcodes.append(parse(match.group(4) or "", kind=match.group(3)))
        found.lines.append(match.group(2))
        return f"{match.group(1)}{found.word}{len(found.lines) - 1}X"

    return SHORTCODE_LINE.sub(token, text), found


def restore(html, found):
    """Turn the tokens of `extract` back: a paragraph of its own into the placeholder the
    article view fills in, any other into the line as written (in a code block, say), escaped
    as sanitised HTML is, quotes included (the token may be in an attribute)."""

    def placeholder(match):
        index = int(match.group(1))
        if index >= len(found.shortcodes):
            return match.group(0)  # not one of ours (an entity can spell the word): text
        return placeholder_html(found.shortcodes[index])

    if not found.lines:
        return html
    html = found.tokens("<p>", "</p>").sub(placeholder, html)
    return found.tokens().sub(lambda m: escape(found.line(m)).replace("\xa0", "&nbsp;"), html)


def restore_text(text, found):
    """The tokens of `extract` in plain text (a heading's name) back as the lines written."""
    return found.tokens().sub(found.line, text) if found.lines else text


def split(html):
    """Alternate HTML strings and Shortcodes, in order, from stored article HTML."""
    parts = []
    position = 0
    for match in PLACEHOLDER.finditer(html):
        parts.append(html[position : match.start()])
        parts.append(decode(match.group(match.lastgroup), kind=match.lastgroup))
        position = match.end()
    parts.append(html[position:])
    return [p for p in parts if p != ""]
