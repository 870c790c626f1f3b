"""Suggested articles get an order: the link table of `Article.related` becomes the model
SuggestedArticle, with its rows (each old symmetrical pair is two rows already, one each way)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("content", "0006_article_sources"),
    ]

    operations = [
        # The table exists: tell the state what it holds, touching nothing in the database.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SuggestedArticle",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("from_article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="content.article")),
                        ("to_article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="content.article")),
                    ],
                    options={
                        "db_table": "content_article_related",
                        "unique_together": {("from_article", "to_article")},
                    },
                ),
                migrations.AlterField(
                    model_name="article",
                    name="related",
                    field=models.ManyToManyField(blank=True, related_name="suggested_by", through="content.SuggestedArticle", through_fields=("from_article", "to_article"), to="content.article"),
                ),
            ],
        ),
        migrations.RenameField(model_name="suggestedarticle", old_name="from_article", new_name="article"),
        migrations.RenameField(model_name="suggestedarticle", old_name="to_article", new_name="suggested"),
        migrations.AlterField(
            model_name="suggestedarticle",
            name="article",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="suggestion_links", to="content.article"),
        ),
        migrations.AlterModelTable(name="suggestedarticle", table=None),
        migrations.AddField(
            model_name="suggestedarticle",
            name="order",
            field=models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are suggested first."),
        ),
        migrations.AlterModelOptions(
            name="suggestedarticle",
            options={"ordering": ["order", "id"], "verbose_name": "suggested article", "verbose_name_plural": "suggested articles"},
        ),
        migrations.AlterField(
            model_name="article",
            name="related",
            field=models.ManyToManyField(blank=True, help_text="Articles to suggest at the end of this one, in their order. Left empty, the newest other articles are suggested.", related_name="suggested_by", through="content.SuggestedArticle", through_fields=("article", "suggested"), to="content.article"),
        ),
    ]
