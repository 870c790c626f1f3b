"""When the glossary changes, stored HTML that links its terms is rendered again.

The work runs after the transaction commits, once however many terms it changed: each change
takes a number and schedules a callback; the first callback to run re-renders everything (it
reads the glossary as committed) and marks every number taken so far as done, so the others
return at once. A callback dropped with a rolled-back transaction leaves no trace.
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from editorial import registry
from editorial.rendering import rerender_linked

from .models import Term

_counter = threading.local()  # per thread: callbacks run in the thread that committed


def _rerender_after(number, using):
    if getattr(_counter, "done", 0) >= number:
        return
    _counter.done = _counter.taken
    with transaction.atomic(using=using):
        rerender_linked(registry.models())


@receiver(post_save, sender=Term, dispatch_uid="glossary_term_saved")
@receiver(post_delete, sender=Term, dispatch_uid="glossary_term_deleted")
def glossary_changed(sender, using=None, raw=False, **kwargs):
    if raw:  # loaddata: the other tables may not be loaded yet
        return
    number = _counter.taken = getattr(_counter, "taken", 0) + 1
    transaction.on_commit(lambda: _rerender_after(number, using), using=using)
