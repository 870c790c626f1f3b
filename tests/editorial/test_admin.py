"""The shared admin of content models: reverting, malformed forms."""

import pytest
from django.contrib import admin
from django.urls import reverse

from content.models import Article
from tests.admin_forms import submitted

pytestmark = pytest.mark.django_db


def test_reverting_a_revision_of_a_deleted_article_brings_it_back(staff_client, starter):
    article = Article.objects.get(slug="when-to-outsource-or-offshore")
    pk, title = article.pk, article.title
    article.delete()
    revision = Article.history.filter(id=pk).order_by("history_date").first()
    url = reverse("admin:content_article_simple_history", args=[pk, revision.history_id])
    response = staff_client.post(url, submitted(staff_client.get(url)))
    assert response.status_code == 302
    restored = Article.objects.get(pk=pk)
    assert restored.title == title and restored.body_html
    assert staff_client.get(restored.get_absolute_url()).status_code == 200


# Every admin of the site: the content models' and the libraries' (users, groups, lockouts).
@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
@pytest.mark.parametrize("selected", ["abc", "1\x00", "", "9" * 30])
def test_an_admin_action_on_a_malformed_id_is_a_bad_request(staff_client, starter, model, selected):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    count = model.objects.count()
    response = staff_client.post(
        url, {"action": "delete_selected", "_selected_action": [selected], "index": "0"}
    )
    if admin.site._registry[model].get_actions(response.wsgi_request):
        assert response.status_code == 400
    else:  # an admin without actions (the change log's versions) has nothing to run
        assert response.status_code == 200
    assert model.objects.count() == count
