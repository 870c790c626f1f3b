from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def date_from_dimension(apps, schema_editor):
    """An existing option last changed no later than its row did, not on the day of this
    migration: "Last changed" keeps its date."""
    Option = apps.get_model("comparisons", "Option")
    Dimension = apps.get_model("comparisons", "Dimension")
    row_date = Dimension.objects.filter(pk=OuterRef("dimension_id")).values("updated_at")[:1]
    Option.objects.update(updated_at=Subquery(row_date))


class Migration(migrations.Migration):
    dependencies = [
        ("comparisons", "0008_cell_sources_and_reviews"),
    ]

    operations = [
        migrations.AddField(
            model_name="option",
            name="updated_at",
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.RunPython(date_from_dimension, migrations.RunPython.noop),
    ]
