"""Signals of the editorial core, for listeners that must not be named here.

`content_changed`: content changed without a model signal of its own (a bulk UPDATE after a
glossary edit, which sends no post_save). The page cache listens, so cached pages go stale.
"""

from django.dispatch import Signal

content_changed = Signal()
