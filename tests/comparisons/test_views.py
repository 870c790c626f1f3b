import re

import pytest
from django.test import Client
from django.urls import reverse

from comparisons.models import Cell, Comparison, Dimension, Strategy
from tests.comparisons.tables import column_headings, count_queries, make_grid, row_headings

pytestmark = pytest.mark.django_db

URL = "/compare/outsourcing-vs-offshoring/"


def test_list_shows_published_comparisons_only(client, starter):
    Comparison.objects.create(title="Secret draft", slug="secret")
    html = client.get(reverse("comparisons:list")).content.decode()
    assert "Outsourcing vs. offshoring" in html
    assert "Sourcing models side by side" in html
    assert "Secret draft" not in html


def test_page_is_a_semantic_table_with_strategies_as_columns(client, starter):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1>") == 1
    assert '<caption id="table-caption">Outsourcing vs. offshoring</caption>' in html
    assert column_headings(html) == ["outsourcing", "offshoring", "offshore-outsourcing"]
    assert row_headings(html)[:3] == [
        "In one line",
        "Where the work is done",
        "Who performs the work",
    ]
    assert "All 3 strategies shown." in html


def test_filter_form_is_a_plain_get_form_enhanced_by_htmx(client, starter):
    html = client.get(URL).content.decode()
    assert (
        f'<form class="filters" method="get" action="{URL}" target="_self" hx-get="{URL}"' in html
    )
    assert 'hx-push-url="true"' in html
    assert 'name="location" value="abroad"' in html
    assert '<button type="submit" id="apply-filters">Apply filters</button>' in html


def test_filtered_page_shows_matching_columns_and_counts(client, starter):
    html = client.get(URL, {"performer": "own-staff"}).content.decode()
    assert column_headings(html) == ["offshoring"]
    assert "1 of 3 strategies match." in html
    assert 'value="own-staff" checked' in html
    assert re.search(r'for="f-performer-third-party">A third-party provider <span[^>]*>\(2\)', html)
    assert "Clear filters" in html


def test_htmx_request_gets_only_the_fragment(client, starter):
    response = client.get(URL, {"location": "home-country"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<h1>" not in html
    # Only the trailer comes before it: the status, out of band, and the <title> htmx takes.
    before = html.split('<div id="explorer"')[0]
    assert re.findall(r"<(\w+)", before) == ["p", "title"]
    assert column_headings(html) == ["outsourcing"]
    assert '<p id="result-status" hx-swap-oob="innerHTML">1 of 3 strategies match.</p>' in html


def test_history_restore_request_gets_the_full_page(client, starter):
    html = client.get(
        URL, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    ).content.decode()
    assert "<html" in html


def test_full_page_and_fragment_vary_on_hx_request(client, starter):
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.get(URL, **headers)
        assert "HX-Request" in response["Vary"]


def test_empty_result_explains_which_filter_to_remove(client, starter):
    html = client.get(URL + "?location=home-country&performer=own-staff").content.decode()
    assert "No strategy matches all these filters" in html
    assert "<table" not in html
    assert "Remove the “Who performs the work” filter" in html
    assert f'href="{URL}?location=home-country"' in html


def test_unknown_option_is_ignored_with_a_visible_notice(client, starter):
    response = client.get(URL, {"location": ["mars", "abroad"], "tracking": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "were not recognised and were ignored" in html
    assert "<code>location=mars</code>" in html
    assert "tracking" not in html
    assert column_headings(html) == ["outsourcing", "offshoring", "offshore-outsourcing"]


def test_hostile_values_are_escaped_in_the_notice(client, starter):
    html = client.get(URL, {"goal": '<script>alert("x")</script>'}).content.decode()
    assert '<script>alert("x")' not in html
    assert "&lt;script&gt;" in html


def test_show_limits_rows(client, starter):
    html = client.get(URL, {"show": ["goal", "risks"]}).content.decode()
    assert row_headings(html) == ["Goal", "Risks and drawbacks"]


def test_cells_show_rendered_markdown_and_options(client, starter):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks")
    cell.text = "**Distance** matters <script>x</script>"
    cell.save()
    html = client.get(URL).content.decode()
    assert "<strong>Distance</strong> matters" in html
    assert "<script>x</script>" not in html
    # A filterable row's cells list their own options, column by column.
    row = html.split('<tr id="row-location">', 1)[1].split("</tr>", 1)[0]
    tags = re.findall(r'<td><ul class="tags">(.*?)</ul>', row)
    assert [re.findall(r"<li>([^<]+)</li>", cell) for cell in tags] == [
        ["Home country", "Abroad"],
        ["Abroad"],
        ["Abroad"],
    ]


def test_unpublished_comparison_is_404_for_public_and_visible_to_staff(staff_client):
    Comparison.objects.create(title="Draft table", slug="draft-table")
    assert Client().get("/compare/draft-table/").status_code == 404
    response = staff_client.get("/compare/draft-table/")
    assert response.status_code == 200
    assert "only staff can see this comparison" in response.content.decode()


def test_unknown_and_malformed_slugs_are_404(client, starter):
    for url in ["/compare/nope/", "/compare/bad slug/", "/compare/%00/", "/compare/a.b/"]:
        assert client.get(url).status_code == 404, url


def test_post_is_refused(client, starter):
    assert client.post(URL).status_code == 405


def test_query_count_does_not_grow_with_the_comparison(client, settings, django_assert_num_queries):
    # The view's own queries: without the page cache, whose key reads the content version and,
    # once per version, the dimensions' slugs (comparisons.cache_keys).
    settings.PAGE_CACHE_SECONDS = 0
    # A comparison twice the size in both directions costs exactly the same queries.
    make_grid(strategies=3, dimensions=4)
    page = count_queries(client, "/compare/grid/?filt=yes")
    fragment = count_queries(client, "/compare/grid/?filt=yes", HTTP_HX_REQUEST="true")
    Comparison.objects.all().delete()
    Strategy.objects.all().delete()
    Dimension.objects.all().delete()
    make_grid(strategies=6, dimensions=8)
    with django_assert_num_queries(page):
        assert client.get("/compare/grid/?filt=yes").status_code == 200
    with django_assert_num_queries(fragment):
        assert client.get("/compare/grid/?filt=yes", HTTP_HX_REQUEST="true").status_code == 200
    # The comparison; its columns, rows, options, cells and the cells' sources (table.py); the
    # whole page also says when any of them last changed.
    assert (page, fragment) == (7, 6)


def test_embed_page_and_its_fragment(client, starter):
    url = "/embed/compare/outsourcing-vs-offshoring/"
    page = client.get(url, {"location": "home-country"})
    html = page.content.decode()
    assert page.status_code == 200
    assert column_headings(html) == ["outsourcing"]
    assert '<nav aria-label="Main">' not in html
    assert f'action="{url}"' in html
    fragment = client.get(url, {"location": "abroad"}, HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert fragment.status_code == 200
    assert html.lstrip().startswith('<div id="explorer"')
    assert column_headings(html) == ["outsourcing", "offshoring", "offshore-outsourcing"]
    assert f'hx-get="{url}"' in html
    assert "HX-Request" in fragment["Vary"]


def test_embed_of_a_draft_is_404_even_for_staff(staff_client):
    Comparison.objects.create(title="Draft table", slug="draft-table")
    assert staff_client.get("/embed/compare/draft-table/").status_code == 404
