"""The public note an editor gives a change ("Reason for this change"), for change logs.

The admin form of a model that declares `public_change_note = True` offers the field, and the
admin saves inside `noting(text, editor)`; whatever records the change (the change log of a
comparison) reads `current()` while the save commits. Outside an admin save there is no note.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

MAX_LENGTH = 500
FIELD_NAME = "change_note"


@dataclass(frozen=True)
class ChangeNote:
    text: str
    editor: object  # the user who saved, or None


_current = ContextVar("change_note", default=None)


def clean(text):
    """One line, at most MAX_LENGTH characters, without NUL bytes (PostgreSQL refuses them)."""
    return " ".join(str(text or "").replace("\x00", " ").split())[:MAX_LENGTH]


@contextmanager
def noting(text, editor):
    token = _current.set(ChangeNote(clean(text), editor))
    try:
        yield
    finally:
        _current.reset(token)


def current():
    """The note of the save under way, or None."""
    return _current.get()
