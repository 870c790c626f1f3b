"""The readers' correction form: the cell's link, GET, POST (303), thanks, 404s, the honeypot,
CSRF and hostile input. Nothing a reader sends is ever shown on a public page."""

import pytest
from django.test import Client

from comparisons.models import Cell, Comparison
from corrections.models import Suggestion
from tests.corrections.common import CELL, CELL_NAME, COMPARISON, SUGGEST, THANKS, URL
from tests.corrections.common import suggestion_data as data

pytestmark = pytest.mark.django_db

PAGE = f"/compare/{COMPARISON}/"
LINK = f'href="{SUGGEST}?strategy=offshoring&amp;dimension=risks"'


def test_every_cell_of_the_comparison_page_links_to_its_form(client, starter):
    html = client.get(PAGE).content.decode()
    assert LINK in html
    assert f'<span class="visually-hidden"> for {CELL_NAME}</span>' in html
    cells = html.count("<td>")
    assert html.count('class="suggest-link"') == cells > 0


def test_the_htmx_fragment_and_the_pair_page_have_the_links(client, starter):
    fragment = client.get(PAGE + "?location=abroad", headers={"HX-Request": "true"})
    assert 'class="suggest-link"' in fragment.content.decode()
    pair = client.get("/compare/sourcing-models/offshoring-vs-nearshoring/").content.decode()
    assert "/compare/sourcing-models/suggest/?strategy=nearshoring&amp;dimension=" in pair


def test_embeds_show_the_links_only_when_the_host_asks(client, starter):
    embed = f"/embed/compare/{COMPARISON}/"
    assert "suggest-link" not in client.get(embed).content.decode()
    html = client.get(embed + "?suggest=1").content.decode()
    assert LINK in html
    # Kept by the embed's filters, so the links stay after filtering.
    assert '<input type="hidden" name="suggest" value="1">' in html
    filtered = client.get(embed + "?suggest=1&location=abroad").content.decode()
    assert LINK.replace("risks", "definition") in filtered
    # The link that removes the filter keeps the flag.
    assert f'href="{embed}?suggest=1"' in filtered


def test_live_tables_in_articles_have_no_links(client, starter):
    html = client.get("/articles/outsourcing-vs-offshoring/").content.decode()
    assert "<table" in html
    assert "suggest-link" not in html


def test_the_form_shows_the_comparison_and_the_cells_current_text(client, starter):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks")
    assert cell.text_html in html
    assert CELL_NAME in html and "Outsourcing vs. offshoring" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<meta name="robots" content="noindex">' in html
    # One visitor's token: never kept by a shared cache.
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_honeypot_is_hidden_from_people_and_labelled(client, starter):
    html = client.get(URL).content.decode()
    trap = html.split('class="suggest-trap"', 1)[1].split("</div>", 1)[0]
    assert 'aria-hidden="true"' in trap
    assert "Leave this field empty" in trap
    assert 'tabindex="-1"' in trap


def test_a_posted_suggestion_is_stored_and_answered_with_303_to_the_thanks(client, starter):
    response = client.post(URL, data())
    assert response.status_code == 303
    assert response["Location"] == THANKS + CELL
    suggestion = Suggestion.objects.get()
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks")
    assert suggestion.comparison.slug == COMPARISON
    assert (suggestion.strategy, suggestion.dimension) == (cell.strategy, cell.dimension)
    assert suggestion.current_text == cell.text
    assert suggestion.text == data()["text"]
    assert suggestion.source_url == "https://example.org/currency-risk"
    assert suggestion.email == "reader@example.org"
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you" in thanks.content.decode()


def test_a_suggestion_changes_nothing_on_the_site(client, starter):
    before = client.get(PAGE).content
    assert client.post(URL, data(text="Offshoring has no risks at all.")).status_code == 303
    assert Suggestion.objects.get().text == "Offshoring has no risks at all."
    assert client.get(PAGE).content == before
    assert (
        "no risks at all"
        not in Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks").text
    )


def test_a_suggestion_for_an_empty_cell_is_taken(client, starter):
    Cell.objects.filter(strategy__slug="offshoring", dimension__slug="risks").delete()
    assert "Nothing yet" in client.get(URL).content.decode()
    assert client.post(URL, data()).status_code == 303
    assert Suggestion.objects.get().current_text == ""


def test_an_invalid_post_shows_the_form_again_with_messages(client, starter):
    response = client.post(URL, data(text="", source_url="javascript:alert(1)"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your suggestion was not sent" in html
    assert "Write what should change." in html
    assert "http:// or https://" in html
    assert Suggestion.objects.count() == 0


def test_a_filled_honeypot_is_thanked_but_nothing_is_stored(client, starter):
    for fields in (data(website="http://spam.example"), {"website": "x"}):
        response = client.post(URL, fields)
        assert response.status_code == 303
        assert response["Location"] == THANKS + CELL
    assert Suggestion.objects.count() == 0


@pytest.mark.parametrize(
    "address",
    [
        "/compare/no-such-table/suggest/?strategy=offshoring&dimension=risks",
        SUGGEST + "?strategy=no-such&dimension=risks",
        SUGGEST + "?strategy=offshoring&dimension=no-such",
        SUGGEST + "?strategy=offshoring",
        SUGGEST,
        # Reshoring is a column of the other comparison only.
        SUGGEST + "?strategy=reshoring&dimension=risks",
        SUGGEST + "?strategy=off%00shoring&dimension=risks",
        SUGGEST + "?strategy=" + "a" * 5000 + "&dimension=risks",
        SUGGEST + "?strategy=%FF&dimension=%C3%28",
    ],
)
def test_an_unknown_cell_is_a_clear_404(client, starter, address):
    for response in (client.get(address), client.post(address, data())):
        assert response.status_code == 404
        assert "No such cell" in response.content.decode()
    assert Suggestion.objects.count() == 0


def test_a_draft_comparison_takes_no_suggestions(client, starter):
    Comparison.objects.filter(slug=COMPARISON).update(is_published=False)
    assert client.get(URL).status_code == 404
    assert client.post(URL, data()).status_code == 404
    assert client.get(THANKS).status_code == 404


def test_a_post_without_the_csrf_token_is_refused(starter):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(URL, data()).status_code == 403
    assert Suggestion.objects.count() == 0
    # With the token of the form it is taken.
    page = browser.get(URL)
    token = page.context["csrf_token"]
    response = browser.post(URL, {**data(), "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 303
    assert Suggestion.objects.count() == 1


def test_only_get_and_post(client, starter):
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


def test_a_one_megabyte_text_gets_a_form_error(client, starter):
    response = client.post(URL, data(text="x" * 1_000_000))
    assert response.status_code == 200
    assert "at most 5000 characters" in response.content.decode()
    assert Suggestion.objects.count() == 0


def test_a_body_over_the_upload_limit_is_a_400(client, starter):
    response = client.post(URL, data(text="x" * 3_000_000))
    assert response.status_code == 400
    assert Suggestion.objects.count() == 0


@pytest.mark.parametrize("field", ["text", "source_url", "email", "website"])
def test_a_nul_byte_in_any_field_is_never_a_server_error(client, starter, field):
    response = client.post(URL, data(**{field: "a\x00b"}))
    assert response.status_code in (200, 303)
    assert Suggestion.objects.count() == 0


def test_script_tags_stay_text(client, starter):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = client.post(URL, data(text=hostile, email=""))
    assert response.status_code == 303
    assert Suggestion.objects.get().text == hostile
    # Shown back in the form (on an error) escaped, never as markup.
    again = client.post(URL, data(text=hostile, source_url="nope")).content.decode()
    assert "<script>alert" not in again
    assert "&lt;script&gt;alert" in again


def test_the_email_and_the_text_never_reach_a_public_page(client, starter):
    response = client.post(URL, data(email="secret.reader@example.org", text="A private remark."))
    assert response.status_code == 303
    assert Suggestion.objects.filter(email="secret.reader@example.org").exists()  # it was kept
    pages = [
        PAGE,
        f"/embed/compare/{COMPARISON}/?suggest=1",
        f"/compare/{COMPARISON}.json",
        f"/compare/{COMPARISON}.csv",
        f"/compare/{COMPARISON}/changes/",
        THANKS + CELL,
        URL,
        "/search/?q=private+remark",
        "/sitemap.xml",
    ]
    for address in pages:
        body = client.get(address).content.decode()
        assert "secret.reader" not in body, address
        assert "A private remark" not in body, address


def test_public_pages_set_no_cookie_after_the_form(client, starter):
    client.get(URL)  # the form sets this visitor's CSRF cookie
    assert client.cookies.get("csrftoken")
    response = client.get(PAGE)
    assert not response.cookies
    assert "public" in response["Cache-Control"]
