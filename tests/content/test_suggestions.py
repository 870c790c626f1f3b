"""An article's suggested articles ("Read next"): chosen and put in order in the article's
admin page, by dragging or with Up and Down (the page numbers hidden order fields)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from content.models import Article, SuggestedArticle
from tests.admin_forms import submitted

pytestmark = pytest.mark.django_db

SLUG = "when-to-outsource-or-offshore"  # the starter article with suggestions


def read_next(html):
    aside = html.split('id="related-heading"', 1)[1].split("</aside>", 1)[0]
    return re.findall(r'<li><a href="/articles/([a-z0-9-]+)/">', aside)


@pytest.fixture
def article(starter):
    return Article.objects.get(slug=SLUG)


def change_url(article):
    return reverse("admin:content_article_change", args=[article.pk])


def test_read_next_lists_the_suggestions_in_their_order(client, article):
    expected = list(article.suggestion_links.values_list("suggested__slug", flat=True))
    assert len(expected) == 3
    assert read_next(client.get(article.get_absolute_url()).text) == expected


def test_an_editor_reverses_the_suggestions_and_readers_see_it(editor_client, article):
    # A reader of their own: `client` is the editor's browser (editor_client signs it in), and
    # a signed-in request skips the page cache a reader is served from.
    reader = Client()
    before = read_next(reader.get(article.get_absolute_url()).text)
    revisions = article.history.count()
    data = submitted(editor_client.get(change_url(article)))
    ids = {str(pk): slug for pk, slug in Article.objects.values_list("pk", "slug")}
    for key in [k for k in data if re.fullmatch(r"suggestion_links-\d+-suggested", k)]:
        data[key[: -len("suggested")] + "order"] = str(3 - before.index(ids[data[key]]))
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, response.text

    assert read_next(reader.get(article.get_absolute_url()).text) == before[::-1]
    saved = Article.objects.get(pk=article.pk)
    assert saved.version == article.version + 1  # an edit of the article: others' forms outdated
    assert saved.history.count() == revisions + 1


def test_a_suggestion_added_in_the_admin_comes_last(editor_client, article):
    extra = Article.objects.create(title="Extra", slug="extra", summary="S.", body="B.")
    data = submitted(editor_client.get(change_url(article))) | {
        "suggestion_links-TOTAL_FORMS": "4",
        "suggestion_links-3-suggested": str(extra.pk),
    }
    assert editor_client.post(change_url(article), data).status_code == 302
    assert list(article.suggestion_links.values_list("suggested__slug", flat=True))[-1] == "extra"


def test_an_article_cannot_suggest_itself(editor_client, article):
    data = submitted(editor_client.get(change_url(article))) | {
        "suggestion_links-TOTAL_FORMS": "4",
        "suggestion_links-3-suggested": str(article.pk),
    }
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "An article cannot suggest itself." in response.text
    assert not SuggestedArticle.objects.filter(article=article, suggested=article).exists()


def test_suggestions_go_one_way(article):
    # Each article orders its own list; being suggested by another puts nothing in it.
    suggested = article.suggestion_links.first().suggested
    assert not suggested.suggestion_links.exists()
