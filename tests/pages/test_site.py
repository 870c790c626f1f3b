"""Every public URL of the contract and the error pages."""

import re
from html.parser import HTMLParser

import pytest

from comparisons import views

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/articles/",
    "/articles/outsourcing-vs-offshoring/",
    "/articles/when-to-outsource-or-offshore/",
    "/compare/",
    "/compare/outsourcing-vs-offshoring/",
    "/compare/sourcing-models/",
    "/compare/outsourcing-vs-offshoring/?location=abroad&goal=cut-costs",
    "/embed/compare/outsourcing-vs-offshoring/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_answers_200_with_one_h1_title_and_description(client, starter, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert re.search(r"<title>[^<]+</title>", html)
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    assert '<html lang="en"' in html


def test_pages_have_landmarks_and_skip_link(client, starter):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html and "<nav" in html and "<footer" in html


class Tags(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_templates_have_no_inline_scripts_styles_or_hx_on(client, starter):
    """So that the strict Content-Security-Policy holds: no inline code of any kind."""
    for url in PUBLIC_PAGES:
        html = client.get(url).content.decode()
        for tag, attrs in Tags(html).tags:
            assert tag != "style", url
            # JSON-LD is data that never runs, so the policy allows it.
            is_data = attrs.get("type") == "application/ld+json"
            assert not (tag == "script" and "src" not in attrs and not is_data), url
            for name in attrs:
                assert name != "style" and not name.startswith(("on", "hx-on")), (url, tag)
        assert '"allowEval": false' in html and '"includeIndicatorStyles": false' in html


def test_home_leads_to_the_answer(client, starter):
    html = client.get("/").content.decode()
    assert "another company" in html and "another country" in html
    assert 'href="/compare/outsourcing-vs-offshoring/"' in html
    assert 'href="/articles/outsourcing-vs-offshoring/"' in html


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_404_page_is_friendly(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'href="/compare/"' in response.content.decode()


def test_500_page_is_friendly(client, starter, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "build_table", boom)
    client.raise_request_exception = False
    response = client.get("/compare/outsourcing-vs-offshoring/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_pages_refuse_to_be_framed_except_embeds(client, starter):
    assert client.get("/compare/outsourcing-vs-offshoring/")["X-Frame-Options"] == "DENY"
    embed = client.get("/embed/compare/outsourcing-vs-offshoring/")
    assert "X-Frame-Options" not in embed
