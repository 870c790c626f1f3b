"""Every change to content bumps the content version, whatever the code path.

post_save and post_delete of each content model (raw saves from loaddata and import_content
included) and m2m_changed of their many-to-many links. Queryset .update() sends no signal: the
one place that uses it on content (glossary.linking) bumps the version itself.
"""

from django.apps import apps
from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from . import version

CONTENT_MODELS = [
    "content.Article",
    "comparisons.Comparison",
    "comparisons.ComparisonStrategy",
    "comparisons.ComparisonDimension",
    "comparisons.Strategy",
    "comparisons.Dimension",
    "comparisons.Option",
    "comparisons.Cell",
    "glossary.Term",
]


def content_changed(sender, using=None, **kwargs):
    version.bump(using)


def links_changed(sender, action, using=None, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        version.bump(using)


def migrated(sender, using="default", **kwargs):
    # A deploy runs migrate: pages rendered before it are not served again. Skipped when the
    # tables are not there (a migration back to zero).
    from content.models import Article

    from .models import ContentVersion

    tables = connections[using].introspection.table_names()
    if ContentVersion._meta.db_table in tables and Article._meta.db_table in tables:
        version.bump(using)


def connect():
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        uid = f"pagecache:{label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                links_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}"
            )
    post_migrate.connect(
        migrated, sender=apps.get_app_config("pagecache"), dispatch_uid="pagecache:migrate"
    )
