"""The "Editors" group: everything needed to write and fix the site's content, nothing more.

Its members add, change, delete and view articles, comparisons (with their columns and rows),
strategies, dimensions, options, cells and glossary terms. They cannot manage users, groups,
permissions or login lockouts (django-axes). Their History pages and Revert need no extra
permission: django-simple-history asks for the model's own view/change permission
(SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS is off).
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
MODELS = {
    "content": ["article"],
    "comparisons": [
        "comparison",
        "comparisonstrategy",
        "comparisondimension",
        "strategy",
        "dimension",
        "option",
        "cell",
    ],
    "glossary": ["term"],
}
ACTIONS = ["add", "change", "delete", "view"]


def create_editors_group(apps, schema_editor):
    using = schema_editor.connection.alias
    # Permissions are normally created after all migrations (post_migrate); on a fresh
    # database they do not exist yet, so create them now.
    for label in MODELS:
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = {
        (label, f"{action}_{model}")
        for label, models in MODELS.items()
        for model in models
        for action in ACTIONS
    }
    permissions = [
        permission
        for permission in Permission.objects.using(using).select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    found = {(p.content_type.app_label, p.codename) for p in permissions}
    if found != wanted:
        raise RuntimeError(f"Editors group: missing permissions {sorted(wanted - found)}")
    group, _ = Group.objects.using(using).get_or_create(name=GROUP)
    group.permissions.set(permissions)


def delete_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(
        name=GROUP
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("content", "0003_history_and_version"),
        ("comparisons", "0002_history_and_version"),
        ("glossary", "0002_history_and_version"),
    ]

    operations = [migrations.RunPython(create_editors_group, delete_editors_group)]
