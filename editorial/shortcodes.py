"""Shortcodes: lines of Markdown that stand for something filled in at request time.

An editor writes, on a line of its own:

    [[compare outsourcing-vs-offshoring location=abroad show=goal]]

On save the line becomes an empty placeholder element (added after sanitising, so it is ours,
not the editor's HTML); on each request a view splits the stored HTML at the placeholders and
fills each in (comparisons.live_tables puts the table there as it is now). This module only
reads and writes text: it knows no model.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict

SHORTCODE_LINE = re.compile(r"^[ \t]*\[\[compare[ \t]+([^\]\n]{1,400})\]\][ \t]*$", re.MULTILINE)
TOKEN = "LIVETABLESHORTCODE{}X"
# At most 6 digits: an article has far fewer shortcodes, and int() refuses 4,300+ digits.
TOKEN_PARAGRAPH = re.compile(r"<p>LIVETABLESHORTCODE(\d{1,6})X</p>")
PLACEHOLDER = re.compile(r'<div class="live-table" data-compare="([a-z0-9?=&_.-]*)"></div>')
INVALID = "-invalid"  # cannot be a slug: slugs start with a letter or digit
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")
PARAMETER = re.compile(r"^([a-z0-9][a-z0-9_-]{0,79})=([a-z0-9,_-]{1,200})$")


@dataclass
class Shortcode:
    slug: str
    params: list[tuple[str, str]]
    problems: list[str]

    @property
    def query(self):
        return urlencode(self.params)

    def querydict(self):
        return QueryDict(self.query)


def parse(arguments):
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
    return Shortcode(slug, params, problems)


def encode(shortcode):
    return shortcode.slug + ("?" + shortcode.query if shortcode.params else "")


def decode(value):
    slug, _, query = value.partition("?")
    if slug == INVALID:
        return Shortcode("", [], ["The line could not be read."])
    pairs = [(k, v) for k, values in QueryDict(query).lists() for v in values]
    return Shortcode(slug, pairs, [])


def extract(markdown_text):
    """Replace shortcode lines by plain tokens that survive Markdown and sanitising."""
    found = []

    def token(match):
        found.append(parse(match.group(1)))
        return TOKEN.format(len(found) - 1)

    return SHORTCODE_LINE.sub(token, markdown_text), found


def restore(html, found):
    """Turn the tokens of `extract` back into placeholders the article view fills in."""

    def placeholder(match):
        index = int(match.group(1))
        if index >= len(found):
            # The token word typed by hand, not made by extract(): it stays the editor's text.
            return match.group(0)
        shortcode = found[index]
        if shortcode.problems or not shortcode.slug:
            # Keep a visible trace for editors: the view shows staff what went wrong.
            return f'<div class="live-table" data-compare="{INVALID}"></div>'
        return f'<div class="live-table" data-compare="{encode(shortcode)}"></div>'

    return TOKEN_PARAGRAPH.sub(placeholder, html)


def split(html):
    """Alternate HTML strings and Shortcodes, in order, from stored article HTML."""
    parts = []
    position = 0
    for match in PLACEHOLDER.finditer(html):
        parts.append(html[position : match.start()])
        parts.append(decode(match.group(1)))
        position = match.end()
    parts.append(html[position:])
    return [p for p in parts if p != ""]
