"""Every edit is a revision: editors see who changed what, and can go back to an older one."""

import pytest
from django.urls import reverse

from comparisons.models import Cell, Comparison, Dimension, Option, Strategy
from content.models import Article
from glossary.models import Term
from tests.admin_forms import submitted

pytestmark = pytest.mark.django_db

FIRST = "First version, with **bold** words."
SECOND = "Second version, rewritten."


def edit(client, url, **changes):
    """Open an admin form, change some fields as an editor would, and save."""
    return client.post(url, submitted(client.get(url)) | changes)


def test_editor_reverts_an_article_and_readers_see_the_older_text(staff_client, starter):
    article = Article.objects.get(slug="outsourcing-vs-offshoring")
    change = reverse("admin:content_article_change", args=[article.pk])
    assert edit(staff_client, change, body=FIRST).status_code == 302
    assert edit(staff_client, change, body=SECOND).status_code == 302
    assert "Second version, rewritten." in staff_client.get(article.get_absolute_url()).text

    history = staff_client.get(reverse("admin:content_article_history", args=[article.pk]))
    assert history.status_code == 200
    first = article.history.get(body=FIRST)
    revert = reverse("admin:content_article_simple_history", args=[article.pk, first.history_id])
    assert revert in history.text  # each revision links to its revert form

    page = staff_client.get(revert)
    assert page.status_code == 200
    assert "Press the 'Revert' button" in page.text
    response = staff_client.post(revert, submitted(page))
    assert response.status_code == 302

    html = staff_client.get(article.get_absolute_url()).text
    assert "First version, with <strong>bold</strong> words." in html  # rendered again
    assert "Second version" not in html
    article.refresh_from_db()
    assert article.version == 4  # loaded, first edit, second edit, revert
    assert article.history.first().history_user.username == "editor"


def test_history_page_opens_for_every_edited_model(staff_client, starter):
    for model in [Article, Comparison, Strategy, Dimension, Option, Cell, Term]:
        obj = model.objects.first()
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[obj.pk])
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert str(obj) in response.text


def test_rerendering_stored_html_is_no_revision_and_leaves_forms_current(starter):
    # What glossary.linking does after a term changes: only the HTML changes.
    article = Article.objects.get(slug="outsourcing-vs-offshoring")
    revisions, version = article.history.count(), article.version
    article.save(update_fields=["body"])
    article.refresh_from_db()
    assert (article.history.count(), article.version) == (revisions, version)
