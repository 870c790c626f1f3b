import time

from django.db import migrations, models


def create_row(apps, schema_editor):
    ContentVersion = apps.get_model("pagecache", "ContentVersion")
    ContentVersion.objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"counter": time.time_ns() // 1000}
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("counter", models.PositiveBigIntegerField()),
                ("next_change", models.DateTimeField(blank=True, null=True)),
            ],
            options={"verbose_name": "content version"},
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
