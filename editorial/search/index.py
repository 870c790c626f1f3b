"""Writing the search index: the documents of some scopes, made equal to what providers say.

Every edit re-indexes what it touches at once, inside its own transaction (`receivers`), so the
index commits or rolls back with the edit and the next request finds it. Per scope, not whole:
a whole rebuild costs tens of milliseconds at starter size but far more at 40 x 30 (780 pair
documents), while an edit touches a few documents (a cell: itself and its strategy's pairs).

A refresh takes the content version's lock first (`content_will_change`, as every content
write does), so two editors' refreshes of the same documents run one after the other. It
writes only documents that differ (a fingerprint of all they hold), so a rebuild after a
change elsewhere (a glossary edit re-rendering everything) writes almost nothing.
"""

import hashlib
import threading
from contextlib import contextmanager
from functools import lru_cache

from django.db import transaction
from django.db.models import Q

from ..models import SearchDocument
from ..signals import content_will_change
from . import providers as registry
from .providers import CACHED_TEXT_LENGTH, EVERYTHING, Scope
from .spelling import index_text

_state = threading.local()  # per thread: pauses and rebuilds waiting for a commit
_BEFORE = "_search_touched_before"  # on an instance being saved: what it touched before


@contextmanager
def paused():
    """Index nothing while loading content in bulk; call rebuild() after it."""
    _state.paused = getattr(_state, "paused", 0) + 1
    try:
        yield
    finally:
        _state.paused -= 1


def is_paused():
    return getattr(_state, "paused", 0) > 0


@contextmanager
def batched():
    """Re-index once, on the way out, every document the changes inside touch, rather than
    once per row: deleting a row of a 40 x 30 table deletes its 40 cells, each touching its
    strategy's 39 pairs (1.3 s one by one). Use it inside the edit's transaction, so that the
    index still commits with the edit; an error inside re-indexes nothing (the edit is rolled
    back with it). Nested, the outermost one re-indexes."""
    if getattr(_state, "batch", None) is not None:
        yield
        return
    _state.batch = {}  # using -> {kind: [Scope, ...]}
    try:
        yield
        plans, _state.batch = _state.batch, None
        for alias, plan in plans.items():
            refresh(plan, alias)
    finally:
        _state.batch = None


def changed(instance, using=None):
    """Re-index every document a saved or deleted row of content touches (and, for an update
    that moved it, those it touched before: see `moving`): now, or at the end of `batched`."""
    if is_paused():
        return
    plan = touched_by(instance)
    for kind, scopes in instance.__dict__.pop(_BEFORE, {}).items():
        plan[kind] = plan.get(kind, []) + scopes
    batch = getattr(_state, "batch", None)
    if batch is None:
        refresh(plan, using)
        return
    waiting = batch.setdefault(using, {})
    for kind, scopes in plan.items():
        waiting[kind] = waiting.get(kind, []) + scopes


def moving(instance, before):
    """Called before an update that changes a row's relations (a cell given another strategy):
    `before` is the row as stored, with its old relation ids."""
    if not is_paused():
        instance.__dict__[_BEFORE] = touched_by(before)


def touched_by(instance):
    """{kind: [Scope, ...]} of the documents a row touches, as providers say."""
    return {p.kind: list(p.scopes(instance) or ()) for p in registry.providers()}


def rebuild(using=None):
    """Every document of every kind made equal to the content as it is now."""
    refresh({p.kind: [EVERYTHING] for p in registry.providers()}, using)


def rebuild_after_commit(using=None):
    """A rebuild once the transaction commits, however many times this is called in it (raw
    saves, as loaddata and import_content make: the rows they need may not be there yet)."""
    if is_paused():
        return
    number = _state.wanted = getattr(_state, "wanted", 0) + 1
    transaction.on_commit(lambda: _rebuild_once(number, using), using=using)


def _rebuild_once(number, using):
    if getattr(_state, "done", 0) >= number:
        return
    _state.done = _state.wanted
    rebuild(using)


def refresh(plan, using=None):
    """Make the documents of each kind's scopes ({kind: [Scope, ...]}) what providers say."""
    plan = {kind: merged(scopes) for kind, scopes in plan.items() if scopes}
    if not plan:
        return
    with transaction.atomic(using=using):
        content_will_change.send(sender=refresh, using=using)
        for kind, scopes in plan.items():
            _refresh_kind(registry.provider(kind), scopes, using)


def merged(scopes):
    """Scopes of one kind without overlaps: one per group, or the whole kind."""
    groups = {}
    for scope in scopes:
        if scope.group is None and scope.keys is None:
            return [EVERYTHING]
        known = groups.get(scope.group)
        if known is not None and (known.keys is None or scope.keys is None):
            scope = Scope(scope.group)
        elif known is not None:
            scope = Scope(scope.group, known.keys | scope.keys)
        groups[scope.group] = scope
    return list(groups.values())


def _refresh_kind(provider, scopes, using):
    """One kind's scopes at once: every stored row they cover (or whose key a provider gives
    again, say under another group) compared with what the provider gives; then the stale rows
    deleted and the new ones inserted (keys are unique within a kind)."""
    wanted = {}
    for scope in scopes:
        for document in provider.documents(scope):
            if scope.keys is not None:
                covered = document.key in scope.keys
            else:
                covered = scope.group is None or document.group == scope.group
            if covered:
                wanted[document.key] = row(provider.kind, document)
    stored = SearchDocument.objects.using(using).filter(kind=provider.kind)
    if EVERYTHING not in scopes:
        keys = {key for scope in scopes for key in scope.keys or ()}
        groups = {scope.group for scope in scopes if scope.keys is None}
        stored = stored.filter(Q(key__in=keys | set(wanted)) | Q(group_key__in=groups))
    existing = {key: (pk, fp) for pk, key, fp in stored.values_list("pk", "key", "fingerprint")}
    stale = [pk for key, (pk, fp) in existing.items() if _fingerprint(wanted.get(key)) != fp]
    fresh = [r for key, r in wanted.items() if existing.get(key, (0, ""))[1] != r.fingerprint]
    if stale:
        SearchDocument.objects.using(using).filter(pk__in=stale).delete()
    if fresh:
        SearchDocument.objects.using(using).bulk_create(fresh, batch_size=100)


def _fingerprint(row):
    return row.fingerprint if row is not None else None


def row(kind, document):
    """The SearchDocument of a provider's Document (not saved)."""
    result = SearchDocument(
        kind=kind,
        key=document.key,
        group_key=document.group,
        title=document.title[:300],
        url=document.url[:500],
        context=document.context[:300],
        text=document.text,
        title_index=index_text(document.title),
        body_index=" ".join(filter(None, map(_index_passage, document.passages))),
        visible_from=document.visible_from,
    )
    fields = ["group_key", "title", "url", "context", "text", "title_index", "body_index"]
    parts = [getattr(result, name) for name in fields]
    parts.append(document.visible_from.isoformat() if document.visible_from else "")
    result.fingerprint = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
    return result


def _index_passage(passage):
    if not passage:
        return ""
    return (
        _cached_index_text(passage) if len(passage) <= CACHED_TEXT_LENGTH else index_text(passage)
    )


@lru_cache(maxsize=4096)
def _cached_index_text(passage):
    return index_text(passage)
