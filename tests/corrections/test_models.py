"""The Suggestion model: readers' input kept apart from content, open to the Editors group."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from comparisons.models import Comparison, Dimension, Strategy
from corrections.models import Status, Suggestion
from editorial import registry
from editorial.editors import GROUP

pytestmark = pytest.mark.django_db


def make(text="Say more about currency risk.", **fields):
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    return Suggestion.objects.create(
        comparison=comparison,
        strategy=Strategy.objects.get(slug="offshoring"),
        dimension=Dimension.objects.get(slug="risks"),
        text=text,
        **fields,
    )


def test_a_suggestion_names_its_cell_comparison_and_status(starter):
    suggestion = make()
    cell = "Offshoring × Risks and drawbacks"
    assert str(suggestion) == f"{cell} in “Outsourcing vs. offshoring” (New)"
    assert suggestion.status == Status.NEW
    assert suggestion.change is None and suggestion.decided_by is None


def test_its_page_on_the_site_is_the_cells_row(starter):
    assert make().get_absolute_url() == "/compare/outsourcing-vs-offshoring/#row-risks"


def test_newest_first(starter):
    older = make(created_at=timezone.now() - timezone.timedelta(days=1))
    newer = make()
    assert list(Suggestion.objects.all()) == [newer, older]


def test_suggestions_are_not_content():
    # Not cached, exported or imported as content: readers' input, not the site's.
    assert Suggestion not in registry.models()
    assert registry.editor_models()[Suggestion] == ("change", "delete", "view")


def test_the_editors_group_may_read_decide_and_delete_suggestions_but_not_add_them():
    codenames = set(
        Group.objects.get(name=GROUP)
        .permissions.filter(content_type__app_label="corrections")
        .values_list("codename", flat=True)
    )
    assert codenames == {"change_suggestion", "delete_suggestion", "view_suggestion"}
