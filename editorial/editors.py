"""The "Editors" group: everything needed to write and fix the site's content, nothing more.

Its members add, change, delete and view every registered content model
(`editorial.registry`), and do what an app allows them on its other models
(`registry.editors_may`: readers' suggestions). They cannot manage users, groups, permissions
or login lockouts. Their History pages and Revert need no extra permission:
django-simple-history asks for the model's own view/change permission. The group is brought
in line after every `migrate`, so a new content model gets its permissions without a migration
of its own.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from . import registry

GROUP = "Editors"
ACTIONS = ("add", "change", "delete", "view")


def granted():
    """{model: actions}: every action on every content model, and what apps add."""
    return {**dict.fromkeys(registry.models(), ACTIONS), **registry.editor_models()}


def editor_permissions(using):
    """The permissions of the group."""
    actions = granted()
    # Permissions are created after migrate for each app in turn; make sure those of the
    # apps concerned exist before the group is given them.
    for label in dict.fromkeys(model._meta.app_label for model in actions):
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    types = ContentType.objects.db_manager(using).get_for_models(*actions)
    wanted = Q(pk__in=[])
    for model, model_actions in actions.items():
        codenames = [f"{action}_{model._meta.model_name}" for action in model_actions]
        wanted |= Q(content_type=types[model], codename__in=codenames)
    return Permission.objects.using(using).filter(wanted)


def sync_editors_group(using="default", **kwargs):
    group, _ = Group.objects.using(using).get_or_create(name=GROUP)
    group.permissions.set(editor_permissions(using))
