"""The content version on PostgreSQL: its changes heard, rather than asked for on every request.

`version.bump()` also sends a notification on PostgreSQL (NOTIFY, delivered to every listener
when the bump's transaction commits, never if it rolls back). Each process keeps a connection
of its own that LISTENs, and the version it read last. A request then looks at that
connection's socket for news (about 1 µs, no round trip) and reads the version again only when
a bump was announced, when the connection is new, when the next scheduled publication has come,
or when the copy is TRUST_SECONDS old (a listener cut off without noticing must not serve old
pages for long). Anything unusual (no connection, an error) means reading the database as
before. Measured in-process on PostgreSQL: a page cache hit cost 510–540 µs with its version
query (Django's connection health check, then the query: two round trips) and 260–280 µs
without, as much as a minimal view.

A notification arrives about 50 µs after the writer's commit returns: a request in another
process that starts within those microseconds still gets the page from before the edit, as it
would had it started just before the commit.
"""

import contextlib
import os
import select
import threading
import time

import psycopg
from django.utils import timezone

CHANNEL = "pagecache_version"
TRUST_SECONDS = 5.0


class Listener:
    """One per process: the LISTENing connection and the last version read through `read`."""

    def __init__(self):
        self._lock = threading.Lock()  # runserver's threads share it
        self._connection = None
        self._pid = None
        self._known = None  # (counter, next scheduled change or None, when read: monotonic)

    def current(self, database, read):
        """The content version: kept, or `read()` again ((counter, next change)) when news
        came or the copy may be out of date. `database`: Django's connection, whose settings
        the listening connection takes."""
        with self._lock:
            if not self._quiet(database):
                self._known = None
            known = self._known
            if known is None or self._stale(known):
                known = self._known = (*read(), time.monotonic())
            return known[0]

    def forget(self):
        """Close the connection and the copy: the next request starts again (tests, after a
        flush of the database, which announces nothing)."""
        with self._lock:
            self._close()

    def _quiet(self, database):
        """Whether the connection was listening already and heard nothing since last asked;
        opens it if needed (then not quiet: what was read before it listened may be old)."""
        if self._connection is not None and self._pid == os.getpid():
            try:
                if not select.select([self._connection.fileno()], [], [], 0)[0]:
                    return True  # nothing arrived since last asked
                if list(self._connection.notifies(timeout=0)):  # every one waiting
                    return False
                # Something else came: the server ending the connection says so first (the
                # next read would raise), and must not pass for silence.
            except (psycopg.Error, OSError, ValueError):
                pass
        try:
            self._listen(database)
        except psycopg.Error:
            self._close()
        return False

    def _listen(self, database):
        self._close()
        params = database.get_connection_params()
        self._connection = psycopg.connect(**params, autocommit=True)
        self._pid = os.getpid()
        self._connection.execute(f"LISTEN {CHANNEL}")

    def _stale(self, known):
        _counter, next_change, read_at = known
        if self._connection is None or time.monotonic() - read_at > TRUST_SECONDS:
            return True
        return next_change is not None and next_change <= timezone.now()

    def _close(self):
        # A connection opened by the parent of a forked worker is the parent's to close.
        if self._connection is not None and self._pid == os.getpid():
            with contextlib.suppress(psycopg.Error):
                self._connection.close()
        self._connection = None
        self._known = None


listener = Listener()
