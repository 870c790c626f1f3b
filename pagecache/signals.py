"""Every change to content bumps the content version, whatever the code path.

Before a write takes its first row lock, the version row is locked (pre_save, pre_delete,
m2m pre_*, `content_will_change`), so every transaction that writes content locks that row
first and the others wait their turn, instead of two transactions each holding a row the
other needs (a deadlock on PostgreSQL). After the write, the version is bumped.

post_save and post_delete of each registered content model (`editorial.registry`; raw saves
from loaddata and import_content included), m2m_changed of their many-to-many links, and
`editorial.signals.content_changed`, which bulk updates send since they send no model signal.
"""

from django.apps import apps
from django.core.signals import setting_changed
from django.db import connections
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
    pre_save,
)

from editorial import registry
from editorial.signals import content_changed as bulk_content_changed
from editorial.signals import content_will_change

from . import keys, version
from .models import ContentVersion


def content_changing(sender, using=None, **kwargs):
    version.lock(using)


def content_changed(sender, using=None, **kwargs):
    version.bump(using)


def links_changed(sender, action, using=None, **kwargs):
    if action in ("pre_add", "pre_remove", "pre_clear"):
        version.lock(using)
    elif action in ("post_add", "post_remove", "post_clear"):
        version.bump(using)


def migrated(sender, using="default", **kwargs):
    # A deploy runs migrate: pages rendered before it are not served again. Skipped when the
    # tables are not there (a migration back to zero).
    tables = set(connections[using].introspection.table_names())
    needed = [ContentVersion] + [e.model for e in registry.entries() if e.scheduled_by]
    if all(model._meta.db_table in tables for model in needed):
        version.bump(using)


def connect():
    for model in registry.models():
        uid = f"pagecache:{model._meta.label}"
        pre_save.connect(content_changing, sender=model, dispatch_uid=uid + ":pre_save")
        pre_delete.connect(content_changing, sender=model, dispatch_uid=uid + ":pre_delete")
        post_save.connect(content_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                links_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}"
            )
    content_will_change.connect(content_changing, dispatch_uid="pagecache:changing")
    bulk_content_changed.connect(content_changed, dispatch_uid="pagecache:bulk")
    setting_changed.connect(keys.forget_settings, dispatch_uid="pagecache:settings")
    post_migrate.connect(
        migrated, sender=apps.get_app_config("pagecache"), dispatch_uid="pagecache:migrate"
    )
