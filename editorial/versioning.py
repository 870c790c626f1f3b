"""Optimistic locking: an editor's save never silently overwrites another editor's."""

from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format

from .signals import content_will_change


class EditConflict(Exception):
    """A save from an outdated copy: someone else saved the same row after it was read."""


class Versioned(models.Model):
    """Optimistic locking for what editors change in the admin.

    `version` counts editors' saves. An edit form carries the version it was opened at (a
    hidden field); its clean() refuses a stale one with `conflict_message()` and save()
    refuses it again in the database, so a second editor never silently overwrites the first.

    A save whose update_fields leave out "version" is housekeeping, not an edit (re-rendering
    stored HTML after a glossary change rewrites nothing an editor typed): it neither checks
    nor bumps the version, so it does not make open forms stale, and records no revision.
    """

    version = models.PositiveIntegerField(
        default=1,
        help_text="Counts saves. Edit forms send it back, so a save from a form opened before "
        "someone else's save is refused instead of overwriting it.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "version" not in update_fields:
            self.skip_history_when_saving = True  # django-simple-history's switch
            try:
                return super().save(*args, **kwargs)
            finally:
                del self.skip_history_when_saving
        if self._state.adding:
            return super().save(*args, **kwargs)
        using = kwargs.get("using")
        with transaction.atomic(using=using):
            content_will_change.send(sender=type(self), using=using)
            # Check and bump in one conditional UPDATE rather than a read then a write: of two
            # saves that both started from version N only the first matches `version = N`
            # (PostgreSQL makes the second wait for the first to commit, then re-checks), so
            # the second updates nothing and fails instead of overwriting. It needs no lock held
            # across the form's validation, and works the same on SQLite, which ignores
            # select_for_update.
            claimed = (
                type(self)
                ._base_manager.using(using)
                .filter(pk=self.pk, version=self.version)
                .update(version=self.version + 1)
            )
            if not claimed:
                raise EditConflict(self.conflict_message())
            self.version += 1
            return super().save(*args, **kwargs)

    def conflict_message(self):
        """What an editor with an outdated form is told: who saved meanwhile, and what to do."""
        latest = self.history.select_related("history_user").first()
        saved = "was saved by someone else"
        if latest is not None:
            when = date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
            saved = f"was saved on {when}"
            if latest.history_user is not None:
                who = latest.history_user
                saved = f"was saved by {who.get_full_name() or who.get_username()} on {when}"
        return (
            f"This {self._meta.verbose_name} {saved}, after you opened this page. Your changes "
            "are not saved, but they are still in the form below: copy them, reload the page to "
            "see the newer version, then make your changes again."
        )
