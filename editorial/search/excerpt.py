"""Excerpts: a short, escaped stretch of a document's text with the matched words marked.

A word is marked when one of its index words (`spelling`) has the stem of a word the query
needs (`stemming`): "nearshore" marks "nearshoring", "labor" marks "labour". The stretch starts
a little before the first marked word; the words are read one by one up to it, and only as far
as the excerpt goes after it, so a long article costs little more than a short cell.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .spelling import WORD, normal_forms
from .stemming import stem

LEAD = 80  # characters shown before the first marked word
LENGTH = 260  # characters of an excerpt, about


def is_match(word, stems):
    return any(stem(form) in stems for form in normal_forms(word))


def excerpt(text, stems):
    """Safe HTML: `text` (plain) around its first match, every match in <mark>; the start of
    the text if nothing in it matches (the title did)."""
    first = next((m for m in WORD.finditer(text) if is_match(m.group(), stems)), None)
    start = _start(text, first)
    end = _end(text, start + LENGTH)
    pieces, position = [], start
    for match in WORD.finditer(text, start, end):
        if is_match(match.group(), stems):
            pieces.append(escape(text[position : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    pieces.append(escape(text[position:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces).strip() + suffix)


def _start(text, first):
    """Where the excerpt starts: at the first whole word at most LEAD characters before the
    first match."""
    if first is None or first.start() <= LEAD:
        return 0
    position = first.start() - LEAD
    for match in WORD.finditer(text, position, first.start() + 1):
        if match.start() > position or not WORD.match(text, position - 1):
            return match.start()
    return first.start()


def _end(text, end):
    """Where the excerpt ends: at `end`, or at the end of the word cut there if it is short."""
    if end >= len(text) or not WORD.match(text, end - 1):
        return min(end, len(text))
    word = WORD.match(text, end)
    return word.end() if word and word.end() - end <= 30 else end
