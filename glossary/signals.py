"""When the glossary changes, stored HTML that links its terms is rendered again.

The work runs once per transaction, after it commits, however many terms it changed.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .linking import rerender_linked_content
from .models import Term


class _Rerender:
    """An on-commit callback that knows whether it has run (see `glossary_changed`)."""

    def __init__(self):
        self.ran = False

    def __call__(self):
        self.ran = True
        rerender_linked_content()


@receiver(post_save, sender=Term, dispatch_uid="glossary_term_saved")
@receiver(post_delete, sender=Term, dispatch_uid="glossary_term_deleted")
def glossary_changed(sender, using=None, raw=False, **kwargs):
    if raw:  # loaddata: the other tables may not be loaded yet
        return
    connection = transaction.get_connection(using)
    # One pending callback per transaction is enough; a rolled-back savepoint drops its own.
    pending = any(
        isinstance(entry[1], _Rerender) and not entry[1].ran for entry in connection.run_on_commit
    )
    if not pending:
        transaction.on_commit(_Rerender(), using=using)
