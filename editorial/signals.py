"""Signals of the editorial core, for listeners that must not be named here.

`content_will_change`: a write of content is about to take its first row lock (a versioned
save's check, a bulk re-render). The page cache listens and locks its version row first, so
that every transaction that writes content takes its locks in the same order: no deadlocks.

`content_changed`: content changed without a model signal of its own (a bulk UPDATE after a
glossary edit, which sends no post_save). The page cache listens, so cached pages go stale.
"""

from django.dispatch import Signal

content_will_change = Signal()
content_changed = Signal()
