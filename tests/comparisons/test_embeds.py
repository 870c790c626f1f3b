import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

PAGE = "/compare/outsourcing-vs-offshoring/"
EMBED = "/embed/compare/outsourcing-vs-offshoring/"
OEMBED = "/oembed/?" + urlencode({"url": "http://testserver" + PAGE, "format": "json"})

# Every public address but the embed, with the status it answers: none may be framed.
NOT_FRAMEABLE = {
    "/": 200,
    "/articles/": 200,
    "/articles/outsourcing-vs-offshoring/": 200,
    "/compare/": 200,
    PAGE: 200,
    PAGE + "?location=abroad": 200,
    PAGE + "guide/": 200,
    "/compare/outsourcing-vs-offshoring.json": 200,
    "/compare/outsourcing-vs-offshoring.csv": 200,
    OEMBED: 200,
    "/embed.js": 200,
    "/glossary/": 200,
    "/glossary/outsourcing/": 200,
    "/search/?q=offshoring": 200,
    "/feed/": 200,
    "/sitemap.xml": 200,
    "/robots.txt": 200,
    "/healthz": 200,
    "/admin/": 302,
    "/admin/login/": 200,
    "/no-such-page/": 404,
}


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize(("url", "status"), NOT_FRAMEABLE.items())
def test_every_other_url_refuses_to_be_framed(client, starter, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response["X-Frame-Options"] == "DENY"
    assert directives(response)["frame-ancestors"] == ["'none'"]


def test_comparison_fragment_refuses_to_be_framed(client, starter):
    response = client.get(PAGE, {"location": "abroad"}, HTTP_HX_REQUEST="true")
    assert response["X-Frame-Options"] == "DENY"
    assert directives(response)["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("query", ["", "?location=abroad&theme=dark", "?controls=0"])
def test_embed_page_may_be_framed_by_any_site(client, starter, query):
    response = client.get(EMBED + query)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    policy = directives(response)
    assert policy["frame-ancestors"] == ["https:", "http:"]
    assert policy["script-src"] == ["'self'"] and policy["default-src"] == ["'none'"]


def test_embed_fragment_may_be_framed_too(client, starter):
    response = client.get(EMBED, HTTP_HX_REQUEST="true")
    assert "X-Frame-Options" not in response
    assert directives(response)["frame-ancestors"] == ["https:", "http:"]


@pytest.mark.parametrize("query", ["?location=abroad&theme=dark", "?controls=0"])
def test_embed_fragment_is_the_embeds_own_not_the_pages(client, starter, query):
    # What htmx swaps inside a frame: the embed's explorer, never the full page's (no address
    # pushed into the host's history, no downloads or embed panel, no filters with controls=0).
    html = client.get(EMBED + query, HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="explorer"')
    assert 'hx-push-url="false"' in html and 'hx-push-url="true"' not in html
    assert "embed-panel" not in html and 'class="downloads"' not in html
    assert ('<form class="filters"' in html) == ("controls=0" not in query)
    assert '<p id="result-status" hx-swap-oob="innerHTML">' in html


def test_embed_is_stateless_and_cacheable(starter):
    client = Client()
    response = client.get(EMBED + "?location=abroad")
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    # A real browser's POST carries no CSRF token: it still gets "method not allowed".
    assert Client(enforce_csrf_checks=True).post(EMBED).status_code == 405


def test_embed_ignores_a_stale_session_cookie(starter):
    client = Client()
    client.cookies["sessionid"] = "abc"  # too short to be a key: Django deletes such cookies
    for _ in ("rendered", "from the page cache"):
        response = client.get(EMBED)
        assert response.status_code == 200
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")


def test_embed_of_a_missing_table_says_so_inside_the_frame(client, starter):
    response = client.get("/embed/compare/no-such-table/")
    assert response.status_code == 404
    assert "X-Frame-Options" not in response
    assert directives(response)["frame-ancestors"] == ["https:", "http:"]
    assert "This comparison table is not available" in response.content.decode()


@override_settings(EMBED_FRAME_ANCESTORS=["https://blog.example"], EMBED_MAX_AGE=60)
def test_embed_framing_and_caching_follow_the_settings(client, starter):
    response = client.get(EMBED)
    assert directives(response)["frame-ancestors"] == ["https://blog.example"]
    assert "max-age=60" in response["Cache-Control"]


def test_embed_has_minimal_chrome_and_an_attribution_that_leaves_the_frame(client, starter):
    html = client.get(EMBED, {"location": "abroad"}).content.decode()
    assert '<nav aria-label="Main">' not in html
    assert re.search(
        r'<a href="/compare/outsourcing-vs-offshoring/\?location=abroad" target="_blank"', html
    )
    assert "embed-frame" in html  # the script that reports the height


def test_attribution_link_leaves_out_embed_only_options(client, starter):
    html = client.get(EMBED, {"location": "abroad", "theme": "dark", "controls": "0"}).content
    assert re.search(
        r'<h1 class="embed-title"><a href="/compare/outsourcing-vs-offshoring/\?location=abroad"',
        html.decode(),
    )


def test_embed_without_controls_shows_only_the_table(client, starter):
    html = client.get(EMBED, {"controls": "0", "performer": "own-staff"}).content.decode()
    assert '<form class="filters"' not in html
    assert '<th scope="col" id="col-offshoring">' in html
    assert 'id="col-outsourcing"' not in html


def test_embed_theme_is_applied_and_kept_while_filtering(client, starter):
    html = client.get(EMBED, {"theme": "dark", "location": "abroad"}).content.decode()
    assert '<html lang="en" class="theme-dark">' in html
    assert '<input type="hidden" name="theme" value="dark">' in html
    assert f'href="{EMBED}?location=abroad&amp;theme=dark"' not in html  # chips drop the filter
    assert f'href="{EMBED}?theme=dark"' in html  # removing the only filter keeps the theme
    html = client.get(EMBED, {"theme": "purple"}).content.decode()
    assert 'class="theme-auto"' in html


def test_comparison_page_offers_the_snippet_with_current_filters(client, starter):
    html = client.get(PAGE, {"location": "abroad", "show": "goal"}).content.decode()
    code = unescape(re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', html, re.S)[1])
    # Pinned to the current version by default (tests/comparisons/test_embed_builder.py).
    assert code.startswith(
        '<iframe src="http://testserver/embed/compare/outsourcing-vs-offshoring/v/1/'
        '?location=abroad&amp;show=goal" title="Outsourcing vs. offshoring (comparison table)" '
        'loading="lazy" width="100%" height="600"'
    )
    assert 'referrerpolicy="strict-origin-when-cross-origin"' in code
    assert code.endswith('<script src="http://testserver/embed.js" async></script>')
    assert '<button type="button" data-copy="embed-code" hidden>' in html
    preview = f'<iframe class="embed-preview" src="http://testserver{EMBED}v/1/?location=abroad'
    assert preview in html


def test_snippet_follows_the_filters_in_the_htmx_fragment(client, starter):
    html = client.get(PAGE, {"performer": "own-staff"}, HTTP_HX_REQUEST="true").content.decode()
    assert "outsourcing-vs-offshoring/v/1/?performer=own-staff" in unescape(html)


def test_sizing_script_is_served_at_a_stable_address(client):
    response = client.get("/embed.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    assert "event.origin !== origin" in body and "contentWindow === event.source" in body


def test_page_advertises_oembed(client, starter):
    html = client.get(PAGE, {"location": "abroad"}).content.decode()
    link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html)
    # For the embed the panel offers: pinned to the current version by default.
    assert unescape(link[1]) == "http://testserver/oembed/?" + urlencode(
        {"url": "http://testserver" + EMBED + "v/1/?location=abroad", "format": "json"}
    )


def oembed(client, **params):
    return client.get("/oembed/", params)


@pytest.mark.parametrize("path", [PAGE + "?location=abroad", EMBED + "?location=abroad"])
def test_oembed_answers_rich_for_page_and_embed_urls(client, starter, path):
    response = oembed(client, url="http://testserver" + path, format="json")
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert data["title"] == "Outsourcing vs. offshoring"
    assert data["provider_name"] == "Sourcing Explained"
    assert data["provider_url"] == "http://testserver/"
    assert (data["width"], data["height"]) == (800, 600)
    assert (
        '<iframe src="http://testserver/embed/compare/outsourcing-vs-offshoring/?location=abroad"'
        in data["html"]
    )
    assert '<script src="http://testserver/embed.js" async></script>' in data["html"]


def test_oembed_honours_maxwidth_and_maxheight(client, starter):
    data = oembed(client, url="http://testserver" + PAGE, maxwidth="500", maxheight="400").json()
    assert (data["width"], data["height"]) == (500, 400)
    assert 'height="400"' in data["html"] and "max-width: 500px" in data["html"]
    data = oembed(client, url="http://testserver" + PAGE, maxwidth="5000").json()
    assert data["width"] == 800


@pytest.mark.parametrize(
    "url",
    [
        "http://testserver/compare/no-such-table/",
        "http://testserver/articles/outsourcing-vs-offshoring/",
        "http://testserver/compare/outsourcing-vs-offshoring.json",
        "http://evil.example/compare/outsourcing-vs-offshoring/",
    ],
)
def test_oembed_unknown_url_is_404(client, starter, url):
    assert oembed(client, url=url).status_code == 404


def test_oembed_empty_format_means_json(client, starter):
    response = oembed(client, url="http://testserver" + PAGE, format="")
    assert response.status_code == 200 and response.json()["type"] == "rich"


def test_oembed_xml_is_not_implemented(client, starter):
    assert oembed(client, url="http://testserver" + PAGE, format="xml").status_code == 501


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"url": ""},
        {"url": "ftp://testserver" + PAGE},
        {"url": "not a url"},
        {"url": "http://[::1" + PAGE},
        {"url": "http://testserver" + PAGE, "maxwidth": "abc"},
        {"url": "http://testserver" + PAGE, "maxheight": "-5"},
        {"url": "http://testserver" + PAGE, "maxwidth": "0"},
        {"url": "http://testserver" + PAGE, "maxwidth": "５００"},
        {"url": "http://testserver/" + "a" * 3000},
    ],
)
def test_oembed_malformed_input_is_400(client, starter, params):
    assert client.get("/oembed/", params).status_code == 400


def test_embed_keeps_navigation_in_the_frame_and_links_out_of_it(client, starter):
    html = client.get(EMBED, {"location": "home-country"}).content.decode()
    assert '<base target="_blank">' in html
    assert 'hx-push-url="false"' in html  # the host page's history stays the host's
    assert 'target="_self" hx-get=' in html  # the filter form
    assert re.search(r'<a id="remove-location-home-country" target="_self"', html)
