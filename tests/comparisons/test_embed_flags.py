"""The embed's second edition, as served: flags (theme, transparent, plain) kept in every link
and form, compact filters, one-row embeds and "Cite this". The browser's side of the same
(colours, pixels, messages) is tests/browser/test_embed_presentation.py."""

import re
from html import unescape

import pytest
from django.http import QueryDict

from changelog.models import Version
from comparisons.grid import live_grid
from comparisons.models import Cell, Comparison
from comparisons.parameters import embed_options

pytestmark = pytest.mark.django_db

SLUG = "outsourcing-vs-offshoring"
EMBED = f"/embed/compare/{SLUG}/"
PAGE = f"/compare/{SLUG}/"


def get(client, url=EMBED, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def footer(html):
    return re.search(r'<footer class="embed-footer">(.*?)</footer>', html, re.S)[1]


def textarea(html, id_):
    return unescape(re.search(rf'<textarea id="{id_}"[^>]*>(.*?)</textarea>', html, re.S)[1])


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        (
            "theme=dark&transparent=1&plain=1",
            [("theme", "dark"), ("transparent", "1"), ("plain", "1")],
        ),
        (
            "transparent=1&controls=0&suggest=1",
            [("controls", "0"), ("suggest", "1"), ("transparent", "1")],
        ),
        ("theme=auto&transparent=yes&plain=0&plain=true", []),
        ("theme=PURPLE&transparent=&plain=%00", []),
    ],
)
def test_embed_options_keep_known_flags_and_ignore_other_values(query, kept):
    assert embed_options(QueryDict(query)) == kept


def test_flags_are_kept_in_the_form_the_chips_and_clear(client, starter):
    html = get(client, location="abroad", theme="dark", transparent="1", plain="1")
    for name, value in (("theme", "dark"), ("transparent", "1"), ("plain", "1")):
        assert f'<input type="hidden" name="{name}" value="{value}">' in html
    flags = "theme=dark&amp;transparent=1&amp;plain=1"
    # Removing the only filter, and clearing them all, keep the presentation.
    assert f'id="remove-location-abroad" target="_self" href="{EMBED}?{flags}"' in html
    assert f'id="clear-filters" class="embed-clear" target="_self" href="{EMBED}?{flags}"' in html


def test_flags_are_kept_in_the_htmx_fragment_too(client, starter):
    html = client.get(
        EMBED, {"location": "abroad", "transparent": "1"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert html.lstrip().startswith('<div id="explorer"')
    assert '<input type="hidden" name="transparent" value="1">' in html
    assert "<footer" not in html


@pytest.mark.parametrize(
    ("query", "html_class"),
    [
        ({}, "theme-auto"),
        ({"theme": "dark", "transparent": "1"}, "theme-dark transparent"),
        ({"theme": "light", "transparent": "1"}, "theme-light transparent"),
        ({"transparent": "1"}, "theme-auto transparent"),
        ({"theme": "sepia", "transparent": "0"}, "theme-auto"),
    ],
)
def test_theme_and_transparency_are_classes_of_the_root(client, starter, query, html_class):
    assert f'<html lang="en" class="{html_class}">' in get(client, **query)


@pytest.mark.parametrize(
    "params",
    [
        {"transparent": "1" * 5000},
        {"plain": ["1", "0", "1"]},
        {"theme": "\u202edark"},
        {"transparent": "1", "plain": "1", "controls": "0", "show": "nope"},
    ],
)
def test_odd_flag_values_never_break_the_embed(client, starter, params):
    response = client.get(EMBED, params)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response and not response.cookies


def test_flagged_embed_is_frameable_stateless_and_cacheable(client, starter):
    response = client.get(EMBED, {"transparent": "1", "plain": "1", "theme": "dark"})
    assert "X-Frame-Options" not in response
    assert "frame-ancestors https: http:" in response["Content-Security-Policy"]
    assert "public" in response["Cache-Control"] and not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_plain_keeps_only_a_small_source_link(client, starter):
    html = get(client, location="abroad", plain="1", theme="dark")
    assert '<h1 class="embed-title">' not in html
    # Still one heading for screen readers, without a link hidden from sight.
    assert f'<h1 class="visually-hidden">{"Outsourcing vs. offshoring"}</h1>' in html
    assert "Cite this" not in html and "embed-attribution" not in html
    assert footer(html).strip() == (
        f'<p class="embed-source"><a href="{PAGE}?location=abroad" target="_blank" '
        'rel="noopener">Source: Sourcing Explained</a></p>'
    )
    assert "embed-plain" in html


def test_attribution_names_version_and_date_and_offers_citations(client, starter):
    comparison = Comparison.objects.get(slug=SLUG)
    date = comparison.public_updated.date()
    html = get(client, location="abroad", theme="dark")
    attribution = footer(html)
    assert f'Source: <a href="{PAGE}?location=abroad" target="_blank"' in attribution
    assert f'· version 1 · <time datetime="{date:%Y-%m-%d}">{date.day} {date:%B %Y}</time>' in (
        attribution
    )
    assert '<details class="embed-attribution">' in attribution

    url = f"http://testserver{PAGE}?location=abroad"  # the page as filtered, no embed options
    assert textarea(html, "cite-plain") == (
        f"“Outsourcing vs. offshoring”. Sourcing Explained, version 1, "
        f"{date.day} {date:%B %Y}. {url}"
    )
    bibtex = textarea(html, "cite-bibtex")
    assert bibtex.startswith("@misc{sourcing-explained-outsourcing-vs-offshoring-v1,\n")
    assert "  version = {1}," in bibtex and f"  date = {{{date:%Y-%m-%d}}}," in bibtex
    assert f"  url = {{{url}}}," in bibtex


@pytest.fixture
def version_2(starter, django_capture_on_commit_callbacks):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="definition")
    with django_capture_on_commit_callbacks(execute=True):
        cell.text = "A new definition, written after version 1."
        cell.save()
    return Version.objects.get(comparison__slug=SLUG, number=2)


def test_a_pinned_embed_cites_its_own_version_and_date(client, version_2):
    first = Version.objects.get(comparison__slug=SLUG, number=1)
    first.created_at = first.created_at.replace(year=2025, month=3, day=4)
    first.save(update_fields=["created_at"])
    pinned = get(client, EMBED + "v/1/")
    assert "Sourcing Explained, version 1, 4 March 2025." in textarea(pinned, "cite-plain")
    assert "-v1,\n" in textarea(pinned, "cite-bibtex")
    live = get(client)
    date = version_2.created_at.date()
    assert f"Sourcing Explained, version 2, {date.day} {date:%B %Y}." in textarea(
        live, "cite-plain"
    )


def test_a_table_without_a_version_yet_is_cited_by_its_last_change(client, starter):
    Comparison.objects.filter(slug=SLUG).update(public_version=0, public_updated=None)
    changed = live_grid(Comparison.objects.get(slug=SLUG)).last_changed.date()
    html = get(client)
    assert textarea(html, "cite-plain") == (
        f"“Outsourcing vs. offshoring”. Sourcing Explained, {changed.day} {changed:%B %Y}. "
        f"http://testserver{PAGE}"
    )
    assert "version" not in footer(html).split("<details")[0]


def test_embed_uses_compact_filters_and_the_page_keeps_its_own(client, starter):
    html = get(client, location="abroad")
    assert '<details class="embed-menu" name="embed-menu" id="menu-location">' in html
    assert (
        '<summary>Where the work is done <span class="menu-count">· 1'
        '<span class="visually-hidden"> chosen</span></span></summary>'
    ) in html
    assert re.search(r'id="f-location-abroad" name="location" value="abroad" checked>', html)
    assert '<details class="embed-menu" name="embed-menu" id="menu-show">' in html
    assert 'id="differences" name="differences" value="1">' in html
    assert '<button type="submit" id="apply-filters">Apply</button>' in html  # works without JS
    assert "filters-panel" not in html
    page = get(client, PAGE, location="abroad")
    assert "filters-panel" in page and "embed-menu" not in page


def test_one_row_without_controls_is_marked_to_fit_its_content(client, starter):
    html = get(client, show="goal", controls="0")
    assert '<body class="embed embed-no-controls embed-one-row">' in html
    assert len(re.findall(r'<tr id="row-', html)) == 1
    assert "embed-one-row" not in get(client, show="goal")
    assert "embed-one-row" not in get(client, show=["goal", "location"], controls="0")
