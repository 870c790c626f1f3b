"""The content version changes with every change to content, on every code path."""

from unittest import mock

import pytest
from django.core import serializers
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comparisons.models import (
    Cell,
    Comparison,
    ComparisonDimension,
    ComparisonStrategy,
    Dimension,
    Option,
    Strategy,
)
from content.models import Article
from editorial import registry
from editorial.rendering import rerender_linked
from glossary.models import Term
from pagecache import version
from pagecache.models import ContentVersion

pytestmark = pytest.mark.django_db


def changes_version(action):
    before = version.current()
    action()
    return version.current() != before


def cell():
    return Cell.objects.get(strategy__slug="offshoring", dimension__slug="location")


def first(model):
    return model.objects.order_by("pk").first()


def resave(obj):
    obj.refresh_from_db()
    obj.save()


CHANGES = {
    "article saved": lambda: resave(first(Article)),
    "article deleted": lambda: first(Article).delete(),
    "article suggestions": lambda: first(Article).related.add(Article.objects.last()),
    "comparison saved": lambda: resave(first(Comparison)),
    "column added": lambda: ComparisonStrategy.objects.create(
        comparison=Comparison.objects.get(slug="outsourcing-vs-offshoring"),
        strategy=Strategy.objects.get(slug="nearshoring"),
        order=99,
    ),
    "row removed": lambda: first(ComparisonDimension).delete(),
    "strategy saved": lambda: first(Strategy).save(),
    "dimension saved": lambda: first(Dimension).save(),
    "option saved": lambda: first(Option).save(),
    "option deleted": lambda: Option.objects.filter(slug="abroad").delete(),
    "cell saved": lambda: resave(cell()),
    "cell options cleared": lambda: cell().options.clear(),
    "cell option added": lambda: cell().options.add(Option.objects.get(slug="home-country")),
    "cells deleted by queryset": lambda: Cell.objects.filter(dimension__slug="risks").delete(),
    "term saved": lambda: resave(first(Term)),
    "term deleted": lambda: first(Term).delete(),
    "glossary re-rendered": lambda: rerender_linked(registry.models()),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_every_content_change_bumps_the_version(starter, change):
    assert changes_version(change)


@pytest.mark.parametrize("model", registry.models(), ids=lambda model: model._meta.label)
def test_saving_or_deleting_any_registered_content_model_bumps_the_version(starter, model):
    row = model._base_manager.order_by("pk").first()
    assert changes_version(row.save)
    assert changes_version(model._base_manager.filter(pk=row.pk).delete)


def test_a_raw_save_from_a_backup_bumps_the_version(starter):
    data = serializers.serialize("json", [cell()])
    restored = next(serializers.deserialize("json", data))
    assert changes_version(restored.save)


def test_reading_pages_does_not_change_it(client, starter):
    assert not changes_version(lambda: client.get("/compare/outsourcing-vs-offshoring/"))


def test_a_lost_row_is_made_again_with_a_larger_number(db):
    old = version.current()
    ContentVersion.objects.all().delete()
    assert version.current() > old


def test_a_scheduled_article_moves_the_version_once_when_its_time_comes(starter, schedule_article):
    publish_at = schedule_article("Later")
    before = version.current()
    with CaptureQueriesContext(connection) as queries:
        assert version.current() == before  # not yet: one read, no write
    assert len(queries) == 1
    with mock.patch("django.utils.timezone.now", return_value=publish_at):
        now_public = version.current()
        assert now_public != before
        assert version.current() == now_public  # moved once, not at every request after it
