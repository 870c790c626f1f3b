"""Plain-text reasons for the guide's results, cut from the strategies' own cells."""

import re
from html import unescape

from django.utils.html import strip_tags

REASON_SNIPPET_LENGTH = 120  # characters per answered dimension, "…" included
REASON_LENGTH = 240  # a result's whole reason: later snippets that would not fit are left out
SHORT_SENTENCE = 20  # a first sentence shorter than this ("Either.") takes the next one too

_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|tr|dd|dt)>|<br\s*/?>", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"‘(])")


def plain_lines(html):
    """The text of rendered Markdown, one line per paragraph or list item, without markup."""
    text = unescape(strip_tags(_BLOCK_END.sub("\n", html or "")))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return [line for line in lines if line]


def trim(text, max_length):
    """`text` cut at a word boundary to at most `max_length` characters, "…" marking a cut."""
    if len(text) <= max_length:
        return text
    cut = text[: max_length - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–-—") + "…"


def first_sentence(html, max_length=REASON_SNIPPET_LENGTH):
    """The first sentence of a cell's rendered text as plain text, trimmed; "" if empty."""
    lines = plain_lines(html)
    if not lines:
        return ""
    sentences = _SENTENCE_END.split(lines[0])
    text = sentences[0]
    for sentence in sentences[1:]:
        if len(text) >= SHORT_SENTENCE:
            break
        text += " " + sentence
    return trim(text, max_length)


def join_snippets(snippets, max_length=REASON_LENGTH):
    """One reason from several snippets, in order, leaving out those that would overflow."""
    text = ""
    for snippet in snippets:
        candidate = f"{text} {snippet}" if text else snippet
        if len(candidate) <= max_length:
            text = candidate
        elif not text:
            text = trim(snippet, max_length)
    return text
