"""Text for readers: stored HTML as plain text (excerpts, descriptions, term matching), and what
a reader typed as the site may show it back."""

import re
from html import unescape

from django.utils.html import strip_tags

# Control characters (C0, DEL, C1): nothing a reader means to write, and a NUL in HTML is a
# parse error (a browser shows U+FFFD in its place anyway).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def plain_text(html):
    """The text of rendered Markdown, without markup or entities, whitespace folded.
    (Rendered blocks are separated by newlines, so words of two paragraphs never join.)"""
    return " ".join(unescape(strip_tags(html or "")).split())


def shown(value, limit):
    """A value from a request, as a page or an error message may quote it: at most `limit`
    characters, each control character a U+FFFD (escaping for HTML is the template's)."""
    return CONTROL.sub("\ufffd", value[:limit])
