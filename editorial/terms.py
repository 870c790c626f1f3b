"""Link glossary terms where they are mentioned in rendered (already sanitised) HTML.

`link_terms` runs when content is saved, never per request: the first mention of each term,
by name or synonym, becomes `<a class="term" href="<the term's page>" title="...">`. Only text
is touched; tags pass through byte for byte, and text inside links, headings, code and
preformatted blocks is left alone. At each place the longest name wins, so "offshore
outsourcing" is one link, not a link to "offshoring" and another to "outsourcing".
"""

import re
from collections.abc import Iterable
from html import escape, unescape

# Text inside these elements is never linked.
SKIPPED_TAGS = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "textarea"}
)

# Sanitised HTML (nh3) quotes attribute values and escapes "<" in text, so a tag is "<", a
# name, then anything up to the first ">" outside quotes. Comments and declarations too.
_TAG = re.compile(
    r"""<!--.*?-->|<![^>]*>|<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>""",
    re.DOTALL,
)
_SEPARATOR = re.compile(r"[\s-]+")


class Matcher:
    """Finds mentions of terms (names and synonyms) in plain text, longest names first."""

    def __init__(self, terms: Iterable):
        self.terms = {}  # group name -> term
        labels = {}  # casefolded label -> (label, term); the first term to claim a label keeps it
        for term in terms:
            for label in term.labels:
                labels.setdefault(label.casefold(), (label, term))
        ordered = sorted(labels.values(), key=lambda item: (-len(item[0]), item[0].casefold()))
        alternatives = []
        for label, term in ordered:
            pattern = label_pattern(label)
            if pattern is None:
                continue
            group = f"t{len(alternatives)}"
            self.terms[group] = term
            alternatives.append(f"(?P<{group}>{pattern})")
        self.pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
            if alternatives
            else None
        )

    def finditer(self, text: str):
        """(match, term) for every mention, left to right, mentions never overlapping."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            yield match, self.terms[match.lastgroup]


def label_pattern(label: str) -> str | None:
    """Words of a label as a regex: any run of spaces or hyphens between them, and an
    optional plural "s" ("third-party providers", "captive centres"). None for a label
    without a letter or digit, which would match almost anywhere."""
    if not re.search(r"\w", label):
        return None
    words = [re.escape(word) for word in _SEPARATOR.split(label.strip()) if word]
    return r"[\s-]+".join(words) + "s?"


def split_synonyms(value):
    """ "captive centre, Captive Center" -> ["captive centre", "Captive Center"]."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


# Where the terms come from. The core knows no glossary model: the glossary app plugs in a
# function returning its terms (objects with `slug`, `labels`, `short_definition` and
# `get_absolute_url()`) when it starts. Without one, nothing is linked.
_term_source = None


def provide_terms(source):
    global _term_source
    _term_source = source


def current_matcher() -> "Matcher":
    """A Matcher for the glossary as it is now (one query, by the glossary's source)."""
    return Matcher(_term_source() if _term_source else [])


def link_terms(html: str, matcher: "Matcher", exclude_slug: str | None = None) -> str:
    """Link the first mention of each of the matcher's terms in `html` (sanitised HTML).

    `exclude_slug` names a term never to link (a term's own definition): its mentions are
    still recognised, so they do not turn into links to the shorter terms inside them.
    """
    if not html or matcher.pattern is None:
        return html
    linked = {exclude_slug} if exclude_slug else set()
    out = []
    skipping = {}  # open skipped elements: tag -> depth
    position = 0
    for tag in _TAG.finditer(html):
        text = html[position : tag.start()]
        out.append(_link_text(text, matcher, linked) if text and not skipping else text)
        out.append(tag.group())
        position = tag.end()
        closing, name = tag.group(1), (tag.group(2) or "").lower()
        if name in SKIPPED_TAGS and not tag.group().endswith("/>"):
            if closing:
                if skipping.get(name, 0) > 1:
                    skipping[name] -= 1
                else:
                    skipping.pop(name, None)
            else:
                skipping[name] = skipping.get(name, 0) + 1
    text = html[position:]
    out.append(_link_text(text, matcher, linked) if text and not skipping else text)
    return "".join(out)


def _link_text(raw: str, matcher: Matcher, linked: set) -> str:
    """One run of escaped text between tags, with its not-yet-linked terms linked."""
    text = unescape(raw)
    pieces = []
    position = 0
    for match, term in matcher.finditer(text):
        if term.slug in linked:
            continue  # the mention is consumed, so its shorter parts are not linked either
        linked.add(term.slug)
        pieces.append(escape(text[position : match.start()], quote=False))
        pieces.append(
            f'<a class="term" href="{escape(term.get_absolute_url())}" '
            f'title="{escape(term.short_definition)}">{escape(match.group(), quote=False)}</a>'
        )
        position = match.end()
    if not pieces:
        return raw  # untouched text stays byte for byte as it was
    pieces.append(escape(text[position:], quote=False))
    return "".join(pieces)


def mentioned_terms(text: str, terms: Iterable, exclude_slug: str | None = None) -> list:
    """Terms mentioned in plain text, each once, in order of first mention."""
    found = {}
    for _match, term in Matcher(terms).finditer(text):
        if term.slug != exclude_slug:
            found.setdefault(term.slug, term)
    return list(found.values())
