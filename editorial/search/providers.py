"""Who provides the documents of the search index: each content app, for its own kinds.

The core knows no content model. An app registers a Provider in its AppConfig.ready() for each
kind of document it has (`provide(Provider(...))`), the way it registers glossary terms with
`editorial.terms`. A provider answers two questions:

- `documents(scope)`: the documents of that scope as they should be now (only public ones);
- `scopes(instance)`: which scopes of its kind a saved or deleted row of any content model
  touches. It is called with the row's ids still set after a delete, and reads the database
  as it is at that moment.

A Scope is a group of documents refreshed together (`group`: an article's id, a strategy's
cells, a comparison's pairs), or some documents by their `keys` (unique within the kind; the
group is then only a hint: a provider gives the documents of those keys wherever they belong
now, as a cell moved to another strategy does); Scope() is the whole kind.
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from editorial.text import plain_text

CACHED_TEXT_LENGTH = 2_000  # passages this short (cells, definitions) are kept in a small cache


@dataclass(frozen=True)
class Scope:
    group: str | None = None  # None (and no keys): every document of the kind
    keys: frozenset[str] | None = None  # None: every document of the group; else these only


EVERYTHING = Scope()


@dataclass(frozen=True)
class Document:
    key: str  # unique within its kind
    group: str  # the Scope.group it is refreshed with
    title: str
    url: str
    passages: Sequence[str]  # plain text, in reading order: what is searched and excerpted
    context: str = ""  # shown beside the kind, e.g. the comparison a cell is shown in
    visible_from: datetime.datetime | None = None  # hidden from search until then

    @property
    def text(self):
        return " ".join(p for p in self.passages if p)


@dataclass(frozen=True)
class Provider:
    kind: str  # stored with each document; at most 30 characters
    label: str  # what readers see, e.g. "Glossary term"
    documents: Callable[[Scope], Iterable[Document]]
    scopes: Callable[[object], Iterable[Scope]]
    # Among documents whose titles match equally well, higher comes first: pages of their own
    # (an article, a term) before a part of one (a cell).
    priority: int = 0


_providers: dict[str, Provider] = {}


def provide(provider):
    """Register the provider of one kind of document (again: replaces it)."""
    _providers[provider.kind] = provider


def providers():
    return list(_providers.values())


def provider(kind):
    return _providers.get(kind)


def html_text(html):
    """The plain text of stored HTML (cached for short passages, which recur in pair pages)."""
    html = html or ""
    return _cached_text(html) if len(html) <= CACHED_TEXT_LENGTH else plain_text(html)


@lru_cache(maxsize=4096)
def _cached_text(html):
    return plain_text(html)


def scope_ids(scope):
    """The integer ids a scope's keys name (for providers whose keys are row ids)."""
    return sorted(int(key) for key in scope.keys or ())
