"""Answering a search: ranked hits with excerpts, or glossary-style suggestions.

Ranking: documents whose title has more of the query's words come first (a term named
"Nearshoring" before an article that mentions nearshoring), and of those, titles made of less
else; then kinds by their providers' priority (pages of their own before cells), then the
database's own rank (`backends`), then the title. The database returns
at most CANDIDATES matches, and only MAX_RESULTS of them are read whole and excerpted, so the
cost of a search does not grow with the number of matches.
"""

import difflib
from dataclasses import dataclass

from ..models import SearchDocument
from . import backends
from . import providers as registry
from .excerpt import excerpt
from .query import MAX_WORDS
from .spelling import WORD, fold, normal_forms
from .stemming import stem

MAX_RESULTS = 20
CANDIDATES = 100
SUGGESTIONS = 5
SUGGESTION_POOL = 500  # titles compared at most
SUGGESTION_CUTOFF = 0.7  # difflib's ratio: 1 is the same word


@dataclass(frozen=True)
class Hit:
    kind: str
    label: str  # the kind as readers see it
    title: str
    url: str
    context: str
    excerpt: str  # safe HTML


def search(query, limit=MAX_RESULTS, using="default"):
    """The best `limit` Hits of a query.Query, best first ([] for an empty query)."""
    if not query:
        return []
    stems = query.stems
    found = backends.candidates(query, CANDIDATES, using)
    priority = {p.kind: p.priority for p in registry.providers()}

    def rank(candidate):
        matched, share = title_match(candidate.title, stems)
        kind = priority.get(candidate.kind, 0)
        return (-matched, -share, -kind, -candidate.score, candidate.title, candidate.id)

    best = sorted(found, key=rank)[:limit]
    documents = SearchDocument.objects.using(using).in_bulk([c.id for c in best])
    return [_hit(documents[c.id], stems) for c in best if c.id in documents]


def title_match(title, stems):
    """(how many of the query's words the title has, the share of the title they make up)."""
    words = [stem(form) for word in WORD.findall(title) for form in normal_forms(word)]
    matched = [word for word in words if word in stems]
    return len(set(matched)), len(matched) / len(words) if words else 0


def _hit(document, stems):
    provider = registry.provider(document.kind)
    return Hit(
        kind=document.kind,
        label=provider.label if provider else document.kind,
        title=document.title,
        url=document.url,
        context=document.context,
        excerpt=excerpt(document.text, stems),
    )


def suggest(text, kind, limit=SUGGESTIONS, using="default"):
    """(title, url) of the documents of one kind whose title is closest to the words typed
    ("nearshorring" -> Nearshoring), best first: for a search that found nothing."""
    typed = fold(text)
    words = list(dict.fromkeys(WORD.findall(typed)))[:MAX_WORDS]
    if not words:
        return []
    documents = SearchDocument.objects.using(using).filter(kind=kind).order_by("title")
    titles = list(documents.values_list("title", "url")[:SUGGESTION_POOL])
    labels = {}  # what a typed word is compared with (a title, or one word of it) -> titles
    for title, url in titles:
        folded = fold(title)
        for label in {folded, *WORD.findall(folded)}:
            labels.setdefault(label, []).append((title, url))
    best = {}
    # The words typed, together (with and without spaces: "off shore", "offshore") and one by one.
    for word in dict.fromkeys([" ".join(words), "".join(words), *words]):
        for label in difflib.get_close_matches(word, labels, n=limit, cutoff=SUGGESTION_CUTOFF):
            ratio = difflib.SequenceMatcher(None, word, label).ratio()
            for found in labels[label]:
                best[found] = max(best.get(found, 0), ratio)
    ranked = sorted(best, key=lambda found: (-best[found], found[0]))
    return ranked[:limit]
