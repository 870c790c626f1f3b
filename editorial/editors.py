"""The "Editors" group: everything needed to write and fix the site's content, nothing more.

Its members add, change, delete and view every registered content model
(`editorial.registry`). They cannot manage users, groups, permissions or login lockouts. Their
History pages and Revert need no extra permission: django-simple-history asks for the model's
own view/change permission. The group is brought in line after every `migrate`, so a new
content model gets its permissions without a migration of its own.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from . import registry

GROUP = "Editors"
ACTIONS = ("add", "change", "delete", "view")


def editor_permissions(using):
    """The permissions of the group: every action on every content model."""
    # Permissions are created after migrate for each app in turn; make sure those of the
    # content apps exist before the group is given them.
    for label in registry.app_labels():
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    models = registry.models()
    types = ContentType.objects.db_manager(using).get_for_models(*models).values()
    codenames = [f"{action}_{model._meta.model_name}" for model in models for action in ACTIONS]
    return Permission.objects.using(using).filter(content_type__in=types, codename__in=codenames)


def sync_editors_group(using="default", **kwargs):
    group, _ = Group.objects.using(using).get_or_create(name=GROUP)
    group.permissions.set(editor_permissions(using))
