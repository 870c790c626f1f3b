"""Admin search-as-you-type fields: a form sent back with a malformed id shows the form's own
message ("Select a valid choice"), never a server error, on every admin that has such fields."""

import pytest
from django.urls import reverse

from comparisons.models import Comparison, Strategy
from content.models import Article
from tests.admin_forms import submitted

pytestmark = pytest.mark.django_db

MALFORMED = ["abc", "1\x00", "9" * 30, "-1"]


@pytest.mark.parametrize("value", MALFORMED)
def test_an_articles_suggested_articles_with_a_malformed_id(staff_client, starter, value):
    article = Article.objects.get(slug="outsourcing-vs-offshoring")
    url = reverse("admin:content_article_change", args=[article.pk])
    suggestion = {"suggestion_links-TOTAL_FORMS": "1", "suggestion_links-0-suggested": value}
    data = submitted(staff_client.get(url)) | suggestion
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()


@pytest.mark.parametrize("value", MALFORMED)
def test_a_comparisons_column_with_a_malformed_id(staff_client, starter, value):
    comparison = Comparison.objects.get(slug="outsourcing-vs-offshoring")
    url = reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    data = submitted(staff_client.get(url))
    field = next(name for name in data if name.endswith("-strategy"))
    response = staff_client.post(url, data | {field: value})
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()


@pytest.mark.parametrize("value", MALFORMED)
def test_a_strategys_cell_row_with_a_malformed_id(staff_client, starter, value):
    strategy = Strategy.objects.get(slug="offshoring")
    url = reverse("admin:comparisons_strategy_change", args=[strategy.pk])
    data = submitted(staff_client.get(url))
    field = next(name for name in data if name.startswith("cells-") and name.endswith("-dimension"))
    response = staff_client.post(url, data | {field: value})
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
