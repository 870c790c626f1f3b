"""Two editors, one article: the second save from an outdated form is refused, not lost."""

import pytest
from django.urls import reverse

from content.models import Article
from editorial.versioning import EditConflict
from tests.admin_forms import submitted

pytestmark = pytest.mark.django_db


def test_second_editor_saving_an_outdated_article_is_told_and_keeps_their_text(
    staff_client, second_editor, starter
):
    article = Article.objects.get(slug="outsourcing-vs-offshoring")
    change = reverse("admin:content_article_change", args=[article.pk])
    first_form = submitted(staff_client.get(change))
    second_form = submitted(second_editor.get(change))
    assert first_form["version"] == second_form["version"]

    response = staff_client.post(change, first_form | {"body": "The first editor's text."})
    assert response.status_code == 302

    response = second_editor.post(change, second_form | {"body": "The second editor's text."})
    assert response.status_code == 200
    assert "This article was saved by editor on" in response.text
    assert "reload the page" in response.text
    assert "The second editor&#x27;s text." in response.text  # still in the form
    article.refresh_from_db()
    assert article.body == "The first editor's text."


def test_save_from_an_outdated_copy_is_refused_by_the_database(starter):
    # The form's check runs before saving; this guards the moment between check and save.
    first = Article.objects.get(slug="outsourcing-vs-offshoring")
    second = Article.objects.get(pk=first.pk)
    first.body = "Saved first."
    first.save()
    second.body = "Saved from an outdated copy."
    with pytest.raises(EditConflict):
        second.save()
    first.refresh_from_db()
    assert (first.body, first.version) == ("Saved first.", 2)
