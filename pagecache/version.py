"""The content version: one number, read once per request, bumped by every content change.

Cached pages are keyed by it (`pagecache.decorators`). It lives in the database, not in the
cache, so it is the same for every worker process even with the local-memory cache, and a
change is seen by the very next request, in the same transaction as the change itself. On
PostgreSQL a bump is also announced (NOTIFY), and a request outside a transaction takes the
number each process keeps between announcements (`pagecache.listener`): no query at all.
"""

import datetime
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.models import F, Subquery, Value
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from editorial import registry

from .listener import CHANNEL, listener
from .models import ContentVersion

ROW = 1
FAR_FUTURE = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)
# The statement that reads the version, by database vendor (the table's name is quoted).
_SELECT = {}
# The last next_change read, and it as a datetime: the same for every request until it passes.
_parsed = (None, None)


def _next_publication():
    """The earliest moment a scheduled row of any content model becomes public: the pages
    that list it change then, without a save."""
    dates = [
        Subquery(
            entry.model._default_manager.scheduled()
            .order_by(entry.scheduled_by)
            .values(entry.scheduled_by)[:1]
        )
        for entry in registry.entries()
        if entry.scheduled_by
    ]
    if len(dates) > 1:
        # Least() is NULL on SQLite when any argument is: a model with nothing scheduled must
        # not hide another's date.
        return Least(*(Coalesce(date, Value(FAR_FUTURE)) for date in dates))
    return dates[0] if dates else None


def bump(using=None):
    """Make every cached page stale: called on any save or delete of content."""
    updated = (
        ContentVersion.objects.using(using)
        .filter(pk=ROW)
        .update(counter=F("counter") + 1, next_change=_next_publication())
    )
    if not updated:
        _create(using)
    _announce(using)


def _announce(using=None):
    """On PostgreSQL, tell every process's listener (`pagecache.listener`) when the bump's
    transaction commits; nothing if it rolls back."""
    connection = connections[using or DEFAULT_DB_ALIAS]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"NOTIFY {CHANNEL}")


def lock(using=None):
    """Inside a transaction, take the version row's lock now, before any content row's, so
    that all writers lock in one order. (Outside one, each statement commits at once.)"""
    if connections[using or DEFAULT_DB_ALIAS].in_atomic_block:
        list(ContentVersion.objects.using(using).select_for_update().filter(pk=ROW).values("pk"))


def _create(using=None):
    # The migration creates the row; a flushed database (or a test's) lacks it. Starting from
    # the clock, not 1, keeps a new row from reusing numbers a shared cache still has pages for.
    try:
        with transaction.atomic(using=using):
            ContentVersion.objects.using(using).create(
                pk=ROW, counter=time.time_ns() // 1000, next_change=_next_publication()
            )
    except IntegrityError:  # created meanwhile by another process
        bump(using)


def current():
    """The content version now: one small query, in SQL (the ORM would cost more than it); on
    PostgreSQL outside a transaction, none while no change is announced."""
    connection = connections[DEFAULT_DB_ALIAS]
    listening = connection.vendor == "postgresql" and settings.PAGE_CACHE_LISTEN
    if listening and not connection.in_atomic_block:
        # Inside a transaction the version may be this transaction's own, not yet announced.
        return listener.current(connection, _read_now)
    return _read_now()[0]


def _read_now():
    """(counter, next scheduled change or None), read from the database."""
    row = _read()
    if row is None or _due(row[1]):
        # A scheduled article has just become public (or the row is missing): a new version.
        bump()
        row = _read()
    return row[0], _scheduled(row[1])


def _read():
    """(counter, next_change as the database returns it), or None without a row.

    No parameters: the statement is the same text every time, and nothing is adapted or
    rewritten for the driver on the way (the time is compared here, and only when a change is
    scheduled at all, which is rare)."""
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        cursor.execute(_select(connection))
        return cursor.fetchone()


def _select(connection):
    sql = _SELECT.get(connection.vendor)
    if sql is None:
        table = connection.ops.quote_name(ContentVersion._meta.db_table)
        sql = _SELECT[connection.vendor] = (
            f"SELECT counter, next_change FROM {table} WHERE id = {int(ROW)}"
        )
    return sql


def _due(raw):
    """Whether the next scheduled change has come, by this process's clock: the one the
    content's own queries use (`published()`, `scheduled()`), so the version moves when the
    pages it names would show the change, not before."""
    scheduled = _scheduled(raw)
    return scheduled is not None and scheduled <= timezone.now()


def _scheduled(raw):
    """next_change as the database returned it, as a datetime (None if nothing is scheduled)."""
    global _parsed
    if raw is None:
        return None
    seen, value = _parsed
    if raw != seen:
        value = _as_datetime(raw)
        _parsed = (raw, value)
    return value


def _as_datetime(raw):
    # What the ORM would make of it: SQLite and MySQL return text or naive values, which
    # Django's converter parses and puts in the database's time zone; PostgreSQL needs none.
    connection = connections[DEFAULT_DB_ALIAS]
    convert = getattr(connection.ops, "convert_datetimefield_value", None)
    return convert(raw, None, connection) if convert else raw
