"""The search index follows every change to content, whatever the code path.

pre_save, post_save and post_delete of every registered content model (`editorial.registry`), the
m2m_changed of their many-to-many links and `editorial.signals.content_changed` (bulk updates,
which send no model signal), as the page cache listens to them. Raw saves (loaddata,
import_content) rebuild the index once their transaction commits, since the rows a document
needs may not be loaded yet when the first of them is saved. After `migrate`, an empty index
is built from the content already there (a first deploy of the search).
"""

from django.apps import apps
from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save

from .. import registry
from ..models import SearchDocument
from ..signals import content_changed
from . import index


def saving(sender, instance, raw=False, using=None, **kwargs):
    """An update that changes a row's relations (a cell moved to another strategy, a column
    given another strategy) also re-indexes what the row touched before (one query, only for
    models with relations)."""
    relations = [f.attname for f in sender._meta.concrete_fields if f.is_relation]
    if raw or not relations or instance._state.adding or index.is_paused():
        return
    stored = sender._base_manager.using(using).filter(pk=instance.pk)
    before = stored.values_list(*relations).first()
    if before is not None and list(before) != [getattr(instance, name) for name in relations]:
        index.moving(instance, sender(pk=instance.pk, **dict(zip(relations, before, strict=True))))


def saved(sender, instance, raw=False, using=None, **kwargs):
    if raw:
        index.rebuild_after_commit(using)
    else:
        index.changed(instance, using)


def deleted(sender, instance, using=None, **kwargs):
    index.changed(instance, using)


def links_changed(sender, instance, action, model, pk_set, using=None, **kwargs):
    if action == "post_clear":  # which rows were linked is no longer known
        if not index.is_paused():
            index.rebuild(using)
    elif action in ("post_add", "post_remove"):
        index.changed(instance, using)
        for other in model._base_manager.using(using).filter(pk__in=pk_set or ()):
            index.changed(other, using)


def bulk_changed(sender, using=None, **kwargs):
    if not index.is_paused():
        index.rebuild(using)


def migrated(sender, using="default", **kwargs):
    tables = set(connections[using].introspection.table_names())
    needed = [SearchDocument, *registry.models()]
    if not all(model._meta.db_table in tables for model in needed):
        return  # migrated back, or part of the way
    if not SearchDocument.objects.using(using).exists():
        index.rebuild(using)


def connect():
    for model in registry.models():
        uid = f"search:{model._meta.label}"
        pre_save.connect(saving, sender=model, dispatch_uid=uid + ":saving")
        post_save.connect(saved, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(deleted, sender=model, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                links_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}"
            )
    content_changed.connect(bulk_changed, dispatch_uid="search:bulk")
    post_migrate.connect(
        migrated, sender=apps.get_app_config("editorial"), dispatch_uid="search:migrate"
    )
