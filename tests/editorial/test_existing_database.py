"""An existing database, built by today's migrations, with edited content, migrates forward
with every row and every revision intact.

"Today" is OLD_LEAVES: the newest migration of each project app when this test was written. The
test migrates back there, writes content and revisions as editors leave them (with the models of
that state, never today's classes), records every row of every table of the content apps, history
tables included, migrates to the newest migrations and finds every recorded value unchanged.
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OLD_LEAVES = {
    "content": "0004_editors_group",
    "comparisons": "0002_history_and_version",
    "glossary": "0002_history_and_version",
    "pagecache": "0001_initial",
}
# Re-applied once at OLD_LEAVES: when they were new, 0004 created the Editors group (which an
# earlier transactional test may have flushed); later it became a no-op.
BEFORE_EDITORS_GROUP = ("content", "0003_history_and_version")
RECORDED_APPS = {"content", "comparisons", "glossary"}
EDITED = datetime.datetime(2026, 11, 20, 9, 30, tzinfo=datetime.UTC)
MISSING = "<missing after migrating>"

STRATEGIES = {
    "outsourcing": ("Outsourcing", "A provider does the work, wherever it is."),
    "offshoring": ("Offshoring", "Your own team, in another country."),
    "nearshoring": ("Nearshoring", "A provider in a neighbouring country."),
}
# slug: (name, option slugs); no options means not filterable.
DIMENSIONS = {
    "location": ("Where the work is done", ["at-home", "abroad"]),
    "performer": ("Who does the work", ["own-staff", "provider"]),
    "goal": ("Main goal", ["lower-cost", "more-capacity"]),
    "risks": ("Things to watch", []),
}
CELL_OPTIONS = {
    "outsourcing": {"location": ["at-home", "abroad"], "performer": ["provider"], "goal": []},
    "offshoring": {"location": ["abroad"], "performer": ["own-staff"], "goal": ["lower-cost"]},
    "nearshoring": {"location": ["abroad"], "performer": ["provider"], "goal": ["more-capacity"]},
}
ARTICLE_BODY = "Intro.\n\n## Why nearby\n\nShorter flights.\n\n## Costs\n\n[Compare](/compare/a/)."
# As today's renderer (Markdown's toc extension) stores it: headings with their anchors.
ARTICLE_HTML = (
    '<p>Intro.</p>\n<h2 id="why-nearby">Why nearby</h2>\n<p>Shorter flights.</p>\n'
    '<h2 id="costs">Costs</h2>\n<p><a href="/compare/a/" rel="noopener noreferrer">Compare</a>.</p>'
)


def old_targets(graph):
    """OLD_LEAVES, plus the newest migration of every app that needs no newer project one."""
    allowed = {node for leaf in OLD_LEAVES.items() for node in graph.forwards_plan(leaf)}
    others = [
        leaf
        for leaf in graph.leaf_nodes()
        if leaf[0] not in OLD_LEAVES
        and all(node in allowed or node[0] not in OLD_LEAVES for node in graph.forwards_plan(leaf))
    ]
    return [*OLD_LEAVES.items(), *others]


def migrate(targets_of):
    """Migrate to targets_of(graph); returns the models of the state reached."""
    executor = MigrationExecutor(connection)
    targets = targets_of(executor.loader.graph)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def latest(graph):
    return graph.leaf_nodes()


def build_todays_database():
    """Back to OLD_LEAVES, then 0004 again: Django plans one direction at a time."""
    migrate(old_targets)
    migrate(lambda graph: [BEFORE_EDITORS_GROUP])
    return migrate(old_targets)


def write_revisions(history_model, instance, **first_draft):
    """A "+" revision (with first_draft's values) and a later "~" one, as editors leave them."""
    fields = history_model._meta.concrete_fields
    values = {f.attname: getattr(instance, f.attname) for f in fields if f.name[:7] != "history"}
    return [
        history_model.objects.create(
            **values_then, history_type=kind, history_date=date, history_user=None
        )
        for kind, date, values_then in [
            ("+", EDITED - datetime.timedelta(days=3), values | first_draft),
            ("~", EDITED, values),
        ]
    ]


def write_articles(apps):
    """A draft and a published article, the second suggesting the first."""
    Article = apps.get_model("content", "Article")
    articles = [
        Article.objects.create(
            title=title,
            slug=slug,
            summary=f"{title}: who does the work, and where.",
            body=ARTICLE_BODY,
            body_html=ARTICLE_HTML,
            status=status,
            published_at=EDITED,
            version=version,
        )
        for title, slug, status, version in [
            ("Nearshoring, explained", "nearshoring-explained", "draft", 3),
            ("Outsourcing vs. offshoring", "outsourcing-vs-offshoring", "published", 5),
        ]
    ]
    articles[1].related.add(articles[0])
    for article in articles:
        write_revisions(
            apps.get_model("content", "HistoricalArticle"), article, body="First draft."
        )


def write_strategies_and_dimensions(apps):
    """Returns the strategies, dimensions and options by slug."""
    get = apps.get_model
    strategies = {
        slug: get("comparisons", "Strategy").objects.create(name=name, slug=slug, summary=summary)
        for slug, (name, summary) in STRATEGIES.items()
    }
    dimensions, options = {}, {}
    for slug, (name, option_slugs) in DIMENSIONS.items():
        dimension = get("comparisons", "Dimension").objects.create(
            name=name, slug=slug, filterable=bool(option_slugs), description=f"About {name}."
        )
        dimensions[slug] = dimension
        for order, option_slug in enumerate(option_slugs):
            options[slug, option_slug] = get("comparisons", "Option").objects.create(
                dimension=dimension, slug=option_slug, label=option_slug.title(), order=order
            )
    for instance in [*strategies.values(), *dimensions.values(), *options.values()]:
        write_revisions(get("comparisons", f"Historical{type(instance).__name__}"), instance)
    return strategies, dimensions, options


def write_cells(apps, strategies, dimensions, options):
    Cell = apps.get_model("comparisons", "Cell")
    HistoricalCell = apps.get_model("comparisons", "HistoricalCell")
    HistoricalOptions = apps.get_model("comparisons", "HistoricalCell_options")
    for strategy in strategies.values():
        for dimension in dimensions.values():
            text = f"**{strategy.name}**: {dimension.name.lower()}."
            cell = Cell.objects.create(
                strategy=strategy,
                dimension=dimension,
                text=text,
                text_html=f"<p>{text}</p>",
                version=2,
            )
            slugs = CELL_OPTIONS[strategy.slug].get(dimension.slug, [])
            cell.options.set([options[dimension.slug, slug] for slug in slugs])
            links = Cell.options.through.objects.filter(cell_id=cell.pk)
            for revision in write_revisions(HistoricalCell, cell, text="To do."):
                for link in links:
                    HistoricalOptions.objects.create(
                        id=link.pk, cell_id=cell.pk, option_id=link.option_id, history=revision
                    )


def write_comparisons(apps, strategies, dimensions):
    get = apps.get_model
    for slug, published, strategy_slugs in [
        ("outsourcing-vs-offshoring", True, ["offshoring", "outsourcing"]),
        ("three-ways", False, ["nearshoring", "offshoring", "outsourcing"]),
    ]:
        comparison = get("comparisons", "Comparison").objects.create(
            title=slug.replace("-", " ").capitalize(),
            slug=slug,
            intro="What is compared, and why.",
            intro_html="<p>What is compared, and why.</p>",
            is_published=published,
            created_at=EDITED - datetime.timedelta(days=10),
            version=4,
        )
        for order, strategy_slug in enumerate(strategy_slugs):
            get("comparisons", "ComparisonStrategy").objects.create(
                comparison=comparison, strategy=strategies[strategy_slug], order=order
            )
        for order, dimension in enumerate(reversed(dimensions.values())):
            get("comparisons", "ComparisonDimension").objects.create(
                comparison=comparison, dimension=dimension, order=order
            )
        write_revisions(get("comparisons", "HistoricalComparison"), comparison, intro="")


def write_terms(apps):
    Term = apps.get_model("glossary", "Term")
    for slug, name in [("offshoring", "Offshoring"), ("captive-centre", "Captive centre")]:
        term = Term.objects.create(
            name=name,
            slug=slug,
            also_known_as="captive center" if slug == "captive-centre" else "",
            short_definition=f"{name}, in one sentence.",
            definition=f"{name} means this.\n\nSee [outsourcing](/glossary/outsourcing/).",
            definition_html=f"<p>{name} means this.</p>",
            version=2,
        )
        write_revisions(apps.get_model("glossary", "HistoricalTerm"), term, definition="Soon.")


def write_edited_content(apps):
    write_articles(apps)
    strategies, dimensions, options = write_strategies_and_dimensions(apps)
    write_cells(apps, strategies, dimensions, options)
    write_comparisons(apps, strategies, dimensions)
    write_terms(apps)


def rows_by_pk(model):
    pk = model._meta.pk.attname
    return {row[pk]: row for row in model._default_manager.order_by("pk").values()}


def record_every_row(apps):
    """{model label: {pk: row}} for every table of the content apps, history and links too."""
    return {
        model._meta.label_lower: rows_by_pk(model)
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in RECORDED_APPS
    }


def editors_permissions(apps):
    """(app label, codename) of each permission of the Editors group; empty without the group."""
    permissions = apps.get_model("auth", "Permission").objects.filter(group__name="Editors")
    return set(permissions.values_list("content_type__app_label", "codename"))


# Tables that became models of their own since, with their columns' new names: an article's
# suggestions (content.Suggestion, once the link table of a many-to-many field).
RENAMED = {
    "content.article_related": (
        "content.suggestedarticle",
        {"from_article_id": "article_id", "to_article_id": "suggested_id"},
    ),
}


def assert_every_row_intact(recorded, apps):
    for label, rows in recorded.items():
        label_now, columns = RENAMED.get(label, (label, {}))
        rows_now = rows_by_pk(apps.get_model(label_now))
        assert sorted(rows_now) == sorted(rows), f"{label}: primary keys of the rows"
        for pk, row in rows.items():
            kept = {key: rows_now.get(pk, {}).get(columns.get(key, key), MISSING) for key in row}
            assert kept == row, f"{label} pk={pk}"


def assert_new_fields_filled(apps):
    """What the new migrations derive: the stored table of contents, the guide's questions."""
    for article in apps.get_model("content", "Article").objects.all():
        assert article.toc == [
            {"level": 2, "id": "why-nearby", "name": "Why nearby"},
            {"level": 2, "id": "costs", "name": "Costs"},
        ]
    questions = dict(
        apps.get_model("comparisons", "Dimension").objects.values_list("slug", "question")
    )
    assert questions == {
        "location": "Where should the work be done?",
        "performer": "Who should do the work?",
        "goal": "What is your main goal?",
        "risks": "",
    }


@pytest.mark.django_db(transaction=True)
def test_existing_database_with_edited_content_migrates_forward_intact():
    try:
        old_apps = build_todays_database()
        write_edited_content(old_apps)
        recorded = record_every_row(old_apps)
        empty = sorted(label for label, rows in recorded.items() if not rows)
        assert not empty, f"the test writes no rows in {empty}"
        editors_before = editors_permissions(old_apps)

        new_apps = migrate(latest)
        assert_every_row_intact(recorded, new_apps)
        assert_new_fields_filled(new_apps)

        # The group may come from a post_migrate handler, which only the command runs.
        call_command("migrate", verbosity=0)
        editors_after = editors_permissions(new_apps)
        assert editors_after, "no Editors group, or one without permissions"
        assert editors_before <= editors_after
    finally:
        migrate(latest)
