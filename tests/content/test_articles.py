from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from content.models import Article

pytestmark = pytest.mark.django_db


def make_article(**kwargs):
    defaults = {
        "title": "A title",
        "slug": "a-title",
        "summary": "A summary.",
        "body": "## Section\n\nBody text.",
        "status": Article.Status.PUBLISHED,
    }
    return Article.objects.create(**(defaults | kwargs))


def test_body_is_rendered_once_on_save():
    article = make_article(body="Hello <script>x</script>**world**")
    assert article.body_html == "<p>Hello <strong>world</strong></p>"
    Article.objects.filter(pk=article.pk).update(body="changed without save")
    article.refresh_from_db()
    assert article.body_html == "<p>Hello <strong>world</strong></p>"


def test_published_excludes_drafts_and_future_articles():
    public = make_article(slug="public")
    make_article(slug="draft", status=Article.Status.DRAFT)
    make_article(slug="later", published_at=timezone.now() + timedelta(days=1))
    assert list(Article.objects.published()) == [public]


def test_list_shows_published_newest_first(client):
    make_article(slug="old", title="Old one", published_at=timezone.now() - timedelta(days=2))
    make_article(slug="new", title="New one")
    make_article(slug="hidden", title="Hidden draft", status=Article.Status.DRAFT)
    response = client.get(reverse("content:article_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("New one") < html.index("Old one")
    assert "Hidden draft" not in html


def test_detail_shows_rendered_body(client):
    article = make_article()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert '<h2 id="section">Section</h2>' in response.content.decode()
    assert "Draft" not in response.content.decode()


def test_draft_is_404_for_the_public(client):
    article = make_article(status=Article.Status.DRAFT)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_draft_is_visible_to_staff_with_a_banner(staff_client):
    article = make_article(status=Article.Status.DRAFT)
    response = staff_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "only staff can see this article" in response.content.decode()


def test_scheduled_article_is_never_updated_before_it_is_published(staff_client):
    publish = timezone.now() + timedelta(days=30)
    article = make_article(published_at=publish)
    html = staff_client.get(article.get_absolute_url()).content.decode()
    assert f'last updated <time datetime="{publish.isoformat()}' in html


def test_unknown_and_malformed_slugs_are_404(client):
    assert client.get("/articles/no-such-article/").status_code == 404
    assert client.get("/articles/bad%20slug!/").status_code == 404
    assert client.get("/articles/" + "a" * 500 + "/").status_code == 404


# The management form of the article's (empty) sources inline, as the admin page sends it.
# The management forms of the article page's inlines (sources, suggested articles), empty.
NO_SOURCES = {
    f"{prefix}-{name}": "0"
    for prefix in ("source_links", "suggestion_links")
    for name in ("TOTAL_FORMS", "INITIAL_FORMS")
}


def test_admin_adds_an_article_with_markdown(staff_client):
    response = staff_client.post(
        reverse("admin:content_article_add"),
        {
            "title": "Nearshoring basics",
            "slug": "nearshoring-basics",
            "summary": "Short.",
            "body": "Text with [bad](javascript:alert(1)) link.",
            "status": "published",
            "published_at_0": "2026-11-01",
            "published_at_1": "09:00:00",
            **NO_SOURCES,
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="nearshoring-basics")
    assert "javascript" not in article.body_html
    page = staff_client.get("/articles/nearshoring-basics/").content.decode()
    assert "Nearshoring basics" in page


def test_admin_rejects_invalid_article_with_a_readable_error(staff_client):
    make_article(slug="taken")
    response = staff_client.post(
        reverse("admin:content_article_add"),
        {
            "title": "",
            "slug": "taken",
            "summary": "x" * 301,
            "body": "b",
            "status": "published",
            "published_at_0": "not a date",
            "published_at_1": "09:00:00",
            **NO_SOURCES,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html
    assert "Article with this Slug already exists." in html
    assert "Ensure this value has at most 300 characters" in html
    assert Article.objects.count() == 1


def test_admin_changelist_searches_and_filters(staff_client):
    make_article(slug="one", title="About payroll")
    make_article(slug="two", title="About nearshoring", status=Article.Status.DRAFT)
    url = reverse("admin:content_article_changelist")
    html = staff_client.get(url, {"q": "payroll"}).content.decode()
    assert "About payroll" in html and "About nearshoring" not in html
    html = staff_client.get(url, {"status__exact": "draft"}).content.decode()
    assert "About nearshoring" in html and "About payroll" not in html
