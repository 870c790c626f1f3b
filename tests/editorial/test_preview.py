"""The admin's Markdown preview: the text as readers will see it (sanitised, glossary terms
linked, live tables filled in), for staff allowed to edit the model, nothing saved."""

import pytest
from django.test import Client
from django.urls import reverse

from comparisons.models import Cell, Comparison
from content.models import Article
from editorial import registry
from editorial.rendering import PASSAGE_MAX_LENGTH
from glossary.models import Term

pytestmark = pytest.mark.django_db

ARTICLE_PREVIEW = "/admin/content/article/preview/"
TERM_PREVIEW = "/admin/glossary/term/preview/"
SLUG = "outsourcing-vs-offshoring"


def preview(client, url=ARTICLE_PREVIEW, field="body", text="Hello"):
    return client.post(url, {"field": field, "text": text})


def test_an_editor_sees_the_text_rendered_as_on_the_site(editor_client, starter):
    response = preview(editor_client, text="## Costs\n\nSee *this*.")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="costs">Costs</h2>' in html
    assert "<em>this</em>" in html
    assert "Preview (not saved)" in html


def test_scripts_and_raw_html_do_not_come_back(editor_client, starter):
    text = "Hi <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))"
    response = preview(editor_client, text=text)
    assert response.status_code == 200
    html = response.content.decode()
    # The rest is shown: the words, and the link without its address.
    assert "<p>Hi " in html and '<a rel="noopener noreferrer">x</a>' in html
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_glossary_terms_are_linked(editor_client, starter):
    term = Term.objects.get(slug="offshoring")
    html = preview(editor_client, text="Offshoring moves work abroad.").content.decode()
    assert f'<a class="term" href="{term.get_absolute_url()}"' in html


def test_a_terms_definition_does_not_link_to_the_term_itself(editor_client, starter):
    """As its save: the form's slug names the term being edited."""
    offshoring = Term.objects.get(slug="offshoring")
    outsourcing = Term.objects.get(slug="outsourcing")
    text = "Offshoring is not outsourcing."
    response = editor_client.post(
        TERM_PREVIEW, {"field": "definition", "text": text, "slug": "offshoring"}
    )
    html = response.content.decode()
    assert f'href="{offshoring.get_absolute_url()}"' not in html
    assert f'<a class="term" href="{outsourcing.get_absolute_url()}"' in html
    # Without a slug (another model's field, a new term not named yet) every term is linked.
    html = preview(editor_client, TERM_PREVIEW, "definition", text).content.decode()
    assert f'href="{offshoring.get_absolute_url()}"' in html


def test_a_compare_shortcode_becomes_the_live_table(editor_client, starter):
    comparison = Comparison.objects.get(slug=SLUG)
    text = f"Before.\n\n[[compare {SLUG} location=abroad]]\n\nAfter."
    html = preview(editor_client, text=text).content.decode()
    assert '<figure class="live-table">' in html
    assert f'table-caption">{comparison.title}: ' in html
    assert "[[compare" not in html


def test_an_unknown_comparison_in_a_shortcode_is_explained_to_the_editor(editor_client, starter):
    html = preview(editor_client, text="[[compare no-such-table]]").content.decode()
    assert "There is no published comparison “no-such-table”." in html


def test_nothing_is_saved(editor_client, starter, client):
    article = Article.objects.get(slug=SLUG)
    before = (article.body, article.body_html, article.version)
    response = preview(editor_client, text="Entirely new words.")
    assert "<p>Entirely new words.</p>" in response.text  # previewed, and yet:
    article.refresh_from_db()
    assert (article.body, article.body_html, article.version) == before
    assert "Entirely new words." not in client.get(article.get_absolute_url()).content.decode()


def test_a_text_longer_than_a_save_takes_is_refused_with_the_save_s_message(editor_client, starter):
    at_limit = preview(editor_client, TERM_PREVIEW, "definition", "a" * PASSAGE_MAX_LENGTH)
    assert at_limit.status_code == 200

    response = preview(editor_client, TERM_PREVIEW, "definition", "a" * (PASSAGE_MAX_LENGTH + 1))
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/plain")
    assert "5,001 characters long; the most this field takes is 5,000" in response.text


@pytest.mark.parametrize(
    "data, expected",
    [
        ({"field": "body", "text": "a\x00b"}, "Null characters are not allowed"),
        ({"field": "title", "text": "Hi"}, "A article has no Markdown field named “title”."),
        ({"field": "nope\x00", "text": "Hi"}, "The preview could not be made."),
        ({"text": "Hi"}, "field: This field is required."),
    ],
)
def test_malformed_requests_get_a_clear_400(editor_client, starter, data, expected):
    response = editor_client.post(ARTICLE_PREVIEW, data)
    assert response.status_code == 400
    assert expected in response.text


def test_a_huge_body_is_a_400_not_a_server_error(editor_client, starter, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    response = preview(editor_client, text="a" * 200_000)
    assert response.status_code == 400


def test_only_post_is_answered(editor_client, starter):
    assert editor_client.get(ARTICLE_PREVIEW).status_code == 405


def test_visitors_and_non_staff_are_sent_to_sign_in(client, django_user_model, starter):
    response = preview(client)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

    reader = django_user_model.objects.create_user("reader", password="a-long-test-password")
    client.force_login(reader)
    response = preview(client)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_permission_on_the_model_is_refused(client, django_user_model, starter):
    clerk = django_user_model.objects.create_user("clerk", password="x-long-pass", is_staff=True)
    client.force_login(clerk)
    assert preview(client).status_code == 403


def test_the_csrf_token_is_required(editor_client, starter):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor_client.user)
    assert preview(strict).status_code == 403

    article = Article.objects.get(slug=SLUG)
    page = strict.get(reverse("admin:content_article_change", args=[article.pk]))
    token = page.context["csrf_token"]
    data = {"field": "body", "text": "Hi", "csrfmiddlewaretoken": token}
    assert strict.post(ARTICLE_PREVIEW, data).status_code == 200


def markdown_models():
    return [m for m in registry.models() if getattr(m, "markdown_fields", None)]


def test_every_markdown_field_of_every_content_model_has_a_preview_button(editor_client, starter):
    assert {m.__name__ for m in markdown_models()} >= {"Article", "Cell", "Comparison", "Term"}
    for model in markdown_models():
        opts = model._meta
        page = editor_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        html = page.content.decode()
        preview_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_preview")
        for spec in model.markdown_fields:
            button = f'data-preview-url="{preview_url}" data-field="{spec.source}">Preview</button>'
            assert button in html, (opts.label, spec.source)
        assert "js/admin-preview.js" in html


def test_inline_markdown_fields_have_it_too(editor_client, starter):
    cell = Cell.objects.select_related("strategy").first()
    page = editor_client.get(reverse("admin:comparisons_strategy_change", args=[cell.strategy_id]))
    button = 'data-preview-url="/admin/comparisons/cell/preview/" data-field="text">Preview'
    assert page.content.decode().count(button) >= cell.strategy.cells.count()


def test_a_cell_preview_renders_its_text(editor_client, starter):
    response = preview(editor_client, "/admin/comparisons/cell/preview/", "text", "- one\n- two")
    assert response.status_code == 200
    assert "<li>one</li>" in response.text
