"""Created the "Editors" group when it was defined here, with a list of models of its own.

The group now follows the content registry and is brought in line after every `migrate`
(`editorial.editors`), so this migration does nothing; it stays so that databases that ran
it and new ones share one migration history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("content", "0003_history_and_version"),
        ("comparisons", "0002_history_and_version"),
        ("glossary", "0002_history_and_version"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
