"""What a reader typed, as a query both databases answer alike, at a bounded cost.

The syntax is PostgreSQL's `websearch_to_tsquery`: words (all needed), "quoted phrases", `or`
between alternatives, `-word` to exclude. It is parsed here, in Python, into groups (one per
`or`: its words all needed, its excluded words absent), the words spelt as the index spells them
(`spelling`), and written out again for each database: as a clean websearch string for
PostgreSQL, and for SQLite's FTS5 with every word in double quotes, so that nothing a reader
types (`NEAR(`, `*`, `^`, `:`, parentheses, column names, NUL...) is ever FTS5 syntax.

Cost is bounded before any database sees the query: at most MAX_QUERY_LENGTH characters and
MAX_WORDS words are used, so a 5,000-character or 100-word query costs what a short one does.
"""

import re
from dataclasses import dataclass, field

from editorial.text import CONTROL

from .spelling import WORD, normal_forms
from .stemming import stem

MAX_QUERY_LENGTH = 100  # characters
MAX_WORDS = 8  # index words, over every phrase and group
# A quoted phrase (an unclosed quote runs to the end), or a run of anything else but spaces.
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


def clean(raw):
    """(text, was_shortened): control characters out, spaces folded, length bounded."""
    text = " ".join(CONTROL.sub(" ", raw or "").split())
    return text[:MAX_QUERY_LENGTH].strip(), len(text) > MAX_QUERY_LENGTH


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]  # index words, in order: a phrase needs them side by side

    def websearch(self):
        return self.words[0] if len(self.words) == 1 else '"' + " ".join(self.words) + '"'

    def fts5(self):
        return '"' + " ".join(self.words) + '"'  # index words hold no quote


@dataclass
class Group:
    include: list[Phrase] = field(default_factory=list)
    exclude: list[Phrase] = field(default_factory=list)

    def websearch(self):
        return " ".join(
            [p.websearch() for p in self.include] + ["-" + p.websearch() for p in self.exclude]
        )

    def fts5(self):
        expression = "(" + " AND ".join(p.fts5() for p in self.include) + ")"
        for phrase in self.exclude:
            expression = f"({expression} NOT {phrase.fts5()})"
        return expression


@dataclass
class Query:
    groups: list[Group]
    words_dropped: bool = False  # more than MAX_WORDS words were typed

    def __bool__(self):
        return bool(self.groups)

    def websearch(self):
        """For PostgreSQL's websearch_to_tsquery('english', ...)."""
        return " or ".join(group.websearch() for group in self.groups)

    def fts5(self):
        """For SQLite's `MATCH`."""
        return " OR ".join(group.fts5() for group in self.groups)

    @property
    def stems(self):
        """Stems of the words a match contains: what excerpts mark and titles rank by."""
        return frozenset(stem(w) for g in self.groups for p in g.include for w in p.words)


def _tokens(text):
    """(excluded, is_or, index words) for each token of the text, in order."""
    for match in _TOKEN.finditer(text):
        quoted = match.group(2) is not None
        excluded = bool(match.group(1) if quoted else match.group(3))
        raw = match.group(2) if quoted else match.group(4)
        if not quoted and not excluded and raw.lower() == "or":
            yield False, True, ()
            continue
        yield excluded, False, tuple(f for w in WORD.findall(raw) for f in normal_forms(w))


def parse(text):
    """The Query of a cleaned text (see `clean`); falsy when nothing in it can be searched."""
    groups, current, seen, budget, dropped = [], Group(), set(), MAX_WORDS, False
    for excluded, is_or, words in _tokens(text[:MAX_QUERY_LENGTH]):
        if is_or:
            if current.include:
                groups.append(current)
                current = Group()
            continue
        if not words or (excluded, words) in seen:
            continue
        if len(words) > budget:
            dropped = True
            break
        budget -= len(words)
        seen.add((excluded, words))
        (current.exclude if excluded else current.include).append(Phrase(words))
    if current.include:
        groups.append(current)
    return Query(groups, dropped)
