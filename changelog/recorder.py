"""Records a new version of each published comparison whose visible content a save changed.

Receivers note which comparisons a saved or deleted row belongs to; once the transaction
commits, each of them is compared with its last version (`changelog.diff.visible`), and only a
visible difference makes a version, with its entries and the note the editor typed
(`editorial.changenotes`). Many rows saved at once (a strategy with its cells) make one
version. Raw saves (import_content, loaddata) record nothing: they restore versions as well.
"""

import threading
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.http import QueryDict
from django.utils import timezone

from comparisons.cell_sources import CellSource
from comparisons.exports import as_data
from comparisons.models import (
    Cell,
    Comparison,
    ComparisonDimension,
    ComparisonStrategy,
    Dimension,
    Option,
    Strategy,
)
from comparisons.table import build_table
from editorial import changenotes
from pagecache import version as content_version
from sources.models import Source

from .diff import changes, visible
from .models import ChangeEntry, Kind, Version


def _of_cell(cell):
    return Comparison.objects.filter(
        strategy_links__strategy=cell.strategy_id, dimension_links__dimension=cell.dimension_id
    )


def _citing(source):
    cells = Cell.objects.filter(source_links__source=source.pk)
    return Comparison.objects.filter(
        strategy_links__strategy__in=cells.values("strategy"),
        dimension_links__dimension__in=cells.values("dimension"),
    )


# For each watched model: the comparisons a row of it appears in (sources are shown in cells).
AFFECTED = {
    Comparison: lambda row: Comparison.objects.filter(pk=row.pk),
    ComparisonStrategy: lambda row: Comparison.objects.filter(pk=row.comparison_id),
    ComparisonDimension: lambda row: Comparison.objects.filter(pk=row.comparison_id),
    Strategy: lambda row: Comparison.objects.filter(strategy_links__strategy=row.pk),
    Dimension: lambda row: Comparison.objects.filter(dimension_links__dimension=row.pk),
    Option: lambda row: Comparison.objects.filter(dimension_links__dimension=row.dimension_id),
    Cell: _of_cell,
    CellSource: lambda row: _of_cell(row.cell),
    Source: _citing,
}

_pending = threading.local()


@dataclass(eq=False)
class _Batch:
    """The comparisons one transaction's saves touched, and the note of those saves."""

    ids: set = field(default_factory=set)
    note: object = None
    done: bool = False

    def flush(self):
        if self.done:  # one callback per schedule() call: the first records them all
            return
        self.done = True
        for comparison_id in sorted(self.ids):
            record(comparison_id, self.note)


def _current_batch():
    """This transaction's batch, or a new one. A batch none of whose callbacks is still
    waiting for a commit belongs to a transaction that rolled back: its ids changed nothing
    and its note (an editor who may no longer exist) must not reach the next save."""
    batch = getattr(_pending, "batch", None)
    waiting = transaction.get_connection().run_on_commit
    if batch is None or batch.done or all(callback != batch.flush for _, callback, _ in waiting):
        batch = _pending.batch = _Batch()
    return batch


def schedule(comparison_ids):
    """Record these comparisons once the current transaction commits (at once outside one)."""
    if not comparison_ids:
        return
    batch = _current_batch()
    batch.ids.update(comparison_ids)
    # The note of the save under way, taken now: the commit may come after the admin's view.
    batch.note = changenotes.current() or batch.note
    # One callback per call, not per batch: a savepoint rolled back drops the callbacks
    # registered inside it, and those registered before must still run.
    transaction.on_commit(batch.flush)


def record(comparison_id, note=None):
    """A new version of the comparison if readers now see something else; else None."""
    with transaction.atomic():
        content_version.lock()  # the lock every content write takes first: one order
        comparison = Comparison.objects.select_for_update().filter(pk=comparison_id).first()
        if comparison is None or not comparison.is_published:
            return None
        data = as_data(build_table(comparison, QueryDict()))
        last = comparison.versions.order_by("-number").first()
        if last is not None and visible(last.data) == visible(data):
            return None
        found = changes(last.data, data) if last else [(Kind.PUBLISHED, comparison.title, "", "")]
        return _save(comparison, data, last, found, note)


def _save(comparison, data, last, found, note):
    now = timezone.now()
    number = last.number + 1 if last else 1
    data["comparison"].update(version=number, updated=now.isoformat())
    version = Version.objects.create(
        comparison=comparison,
        number=number,
        created_at=now,
        note=note.text if note else "",
        editor=note.editor if note and getattr(note.editor, "pk", None) else None,
        data=data,
    )
    ChangeEntry.objects.bulk_create(
        ChangeEntry(version=version, kind=kind, subject=subject[:300], before=b, after=a)
        for kind, subject, b, a in found
    )
    # An update, not a save: no signal, no edit-form version check, no new revision.
    Comparison.objects.filter(pk=comparison.pk).update(public_version=number, public_updated=now)
    content_version.bump()
    return version


def _affected_ids(model, row):
    return set(AFFECTED[model](row).values_list("pk", flat=True))


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule(_affected_ids(sender, instance))


def _deleting(sender, instance, **kwargs):
    # Before the delete: afterwards the links that say where the row appeared are gone too.
    schedule(_affected_ids(sender, instance))


def _options_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    cells = Cell.objects.filter(pk__in=pk_set or ()) if reverse else [instance]
    ids = set()
    for cell in cells:
        ids |= _affected_ids(Cell, cell)
    schedule(ids)


for _model in AFFECTED:
    post_save.connect(_saved, sender=_model, dispatch_uid=f"changelog-save-{_model.__name__}")
    pre_delete.connect(_deleting, sender=_model, dispatch_uid=f"changelog-del-{_model.__name__}")
    post_delete.connect(_deleting, sender=_model, dispatch_uid=f"changelog-gone-{_model.__name__}")
m2m_changed.connect(_options_changed, sender=Cell.options.through, dispatch_uid="changelog-opts")
