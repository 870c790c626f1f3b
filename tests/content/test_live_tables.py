import pytest
from django.test import Client

from comparisons.live_tables import resolve
from comparisons.models import Cell
from content.models import Article
from editorial import shortcodes

pytestmark = pytest.mark.django_db


def test_parse_reads_slug_and_filters():
    code = shortcodes.parse("outsourcing-vs-offshoring location=abroad show=goal,risks")
    assert code.slug == "outsourcing-vs-offshoring"
    assert code.params == [("location", "abroad"), ("show", "goal"), ("show", "risks")]
    assert code.problems == []


@pytest.mark.parametrize(
    "arguments",
    ['"><script>', "Bad_Slug!", "ok-slug location=<b>", "ok-slug just-a-word"],
)
def test_parse_reports_malformed_arguments(arguments):
    assert shortcodes.parse(arguments).problems


def test_article_stores_a_placeholder_for_a_shortcode_line():
    article = Article.objects.create(
        title="T",
        slug="t",
        summary="s",
        body="Before.\n\n[[compare outsourcing-vs-offshoring location=abroad show=goal]]\n\nAfter.",
    )
    assert article.body_html == (
        "<p>Before.</p>\n"
        '<div class="live-table" '
        'data-compare="outsourcing-vs-offshoring?location=abroad&show=goal">'
        "</div>\n<p>After.</p>"
    )


def test_shortcode_inside_a_sentence_stays_text():
    article = Article.objects.create(
        title="T", slug="t", summary="s", body="Write [[compare x]] on its own line."
    )
    assert "live-table" not in article.body_html
    assert "[[compare x]]" in article.body_html


def test_hostile_shortcode_cannot_inject_markup():
    article = Article.objects.create(
        title="T", slug="t", summary="s", body='[[compare x" onload="alert(1) location=a]]'
    )
    assert article.body_html == '<div class="live-table" data-compare="-invalid"></div>'


def test_editor_cannot_forge_a_placeholder_with_raw_html():
    article = Article.objects.create(
        title="T",
        slug="t",
        summary="s",
        body='<div class="live-table" data-compare="outsourcing-vs-offshoring"></div>',
    )
    assert "live-table" not in article.body_html


def test_split_alternates_html_and_shortcodes():
    html = '<p>a</p><div class="live-table" data-compare="s?location=abroad"></div><p>b</p>'
    parts = shortcodes.split(html)
    assert parts[0] == "<p>a</p>" and parts[2] == "<p>b</p>"
    assert parts[1].slug == "s" and parts[1].params == [("location", "abroad")]


def test_resolve_builds_the_filtered_table(starter):
    [live] = resolve([shortcodes.parse("outsourcing-vs-offshoring performer=own-staff")])
    assert [s.slug for s in live.table.matching] == ["offshoring"]
    assert live.url == "/compare/outsourcing-vs-offshoring/?performer=own-staff"
    assert live.problem == ""


def test_resolve_explains_unknown_comparisons_and_filters(starter):
    missing, odd = resolve(
        [shortcodes.parse("no-such-table"), shortcodes.parse("outsourcing-vs-offshoring goal=fun")]
    )
    assert missing.table is None and "no-such-table" in missing.problem
    assert "goal=fun" in odd.problem and len(odd.table.matching) == 3


def test_resolve_warns_about_unknown_filter_names(starter):
    [live] = resolve(
        [shortcodes.parse("outsourcing-vs-offshoring locaton=abroad performer=own-staff")]
    )
    assert "locaton=abroad" in live.problem
    assert [s.slug for s in live.table.matching] == ["offshoring"]


def test_shortcode_matching_nothing_warns_staff_and_shows_readers_no_empty_table(
    client, staff_client, starter
):
    article = make_article_with(
        "Text.\n\n[[compare outsourcing-vs-offshoring location=home-country performer=own-staff]]"
    )
    public = Client().get(article.get_absolute_url()).content.decode()
    assert "Text." in public
    assert 'class="comparison-table"' not in public and "For editors" not in public
    staff = staff_client.get(article.get_absolute_url()).content.decode()
    assert "For editors:" in staff and "No strategy matches these filters" in staff


def test_table_of_contents_reading_time_and_related():
    body = "## First part\n\ntext " * 1 + "\n\n### Detail *here*\n\n" + "word " * 660
    article = Article.objects.create(
        title="A", slug="a", summary="s", body=body, status="published"
    )
    toc = article.table_of_contents()
    assert [(h.level, h.anchor, h.text) for h in toc] == [
        (2, "first-part", "First part"),
        (3, "detail-here", "Detail here"),
    ]
    # Stored at save time from the Markdown `toc` tokens, not read back out of the HTML.
    assert Article.objects.get(pk=article.pk).toc == [
        {"level": 2, "id": "first-part", "name": "First part"},
        {"level": 3, "id": "detail-here", "name": "Detail here"},
    ]
    assert article.reading_minutes == 3
    other = Article.objects.create(title="B", slug="b", summary="s", body="b", status="published")
    draft = Article.objects.create(title="C", slug="c", summary="s", body="c")
    assert article.related_articles() == [other]
    article.related.add(draft)
    assert article.related_articles() == [other]  # drafts are never suggested
    article.body = "## Café & co\n\nText."
    article.save()
    assert [(h.anchor, h.text) for h in article.table_of_contents()] == [("cafe-co", "Café & co")]


def make_article_with(body):
    return Article.objects.create(
        title="Live", slug="live", summary="s", body=body, status=Article.Status.PUBLISHED
    )


def test_article_page_shows_the_live_filtered_table(client, starter):
    article = make_article_with(
        "Intro.\n\n[[compare outsourcing-vs-offshoring performer=own-staff show=goal]]\n\nEnd."
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<figure class="live-table">' in html
    assert 'id="t1-col-offshoring"' in html and 'col-outsourcing"' not in html
    assert '<th scope="row">Goal</th>' in html and '<th scope="row">Risks' not in html
    assert 'href="/compare/outsourcing-vs-offshoring/?performer=own-staff&amp;show=goal"' in html
    assert html.index("Intro.") < html.index("live-table") < html.index("End.")


def test_live_table_follows_cell_edits(client, starter):
    article = make_article_with("[[compare outsourcing-vs-offshoring show=risks]]")
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks")
    # Read once before the edit, so the page is cached as readers were last served it.
    assert "A brand new risk sentence." not in client.get(article.get_absolute_url()).text
    cell.text = "A brand new risk sentence."
    cell.save()
    assert "A brand new risk sentence." in client.get(article.get_absolute_url()).content.decode()


def test_unknown_comparison_warns_staff_and_shows_readers_nothing_broken(
    client, staff_client, starter
):
    article = make_article_with("Text.\n\n[[compare no-such-table location=abroad]]")
    public = Client().get(article.get_absolute_url()).content.decode()
    assert "For editors" not in public and "no-such-table" not in public
    assert "Text." in public
    staff = staff_client.get(article.get_absolute_url()).content.decode()
    assert "For editors:" in staff and "There is no published comparison “no-such-table”" in staff


def test_article_page_has_contents_reading_time_and_read_next(client, starter):
    html = client.get("/articles/outsourcing-vs-offshoring/").content.decode()
    assert '<nav class="toc" aria-labelledby="toc-heading">' in html
    assert 'href="#what-moves-the-work-or-the-place"' in html
    assert "min read" in html and "last updated" in html
    assert 'id="related-heading">Read next</h2>' in html
    assert html.count("<h1") == 1
