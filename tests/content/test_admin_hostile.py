"""Hostile input typed into the admin: a form error or stored safely, never a 500, and no
markup from it that could run on the public pages.

Posts start from the form as the admin renders it (hidden fields such as `version` included),
so the tests keep working when fields are added.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

from comparisons.models import Cell
from content.models import Article

pytestmark = pytest.mark.django_db

MARKER = "HOSTILE-MARKER"
ATTACKS = (Path(__file__).parent / "hostile.md").read_text()

# Tags and attributes no editor text may produce on a public page.
FORBIDDEN_TAGS = {
    "script", "iframe", "svg", "math", "img", "object", "embed", "style", "form", "button",
    "base", "meta", "link", "details", "input",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
FORBIDDEN_TEXT = ["<script", "javascript:", "vbscript:", "onerror=", "onload=", 'href="data:']


class FormFields(HTMLParser):
    """The name/value pairs a browser would submit from the page's main admin form."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.data, self._textarea, self._select = {}, None, None
        self.feed(html)

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.add(name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, [""])
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.add(self._select, attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            # Browsers drop one newline right after <textarea>.
            name, self._textarea = self._textarea, None
            self.data[name][-1] = self.data[name][-1].removeprefix("\n")
        elif tag == "select":
            self._select = None


def form_data(client, url):
    html = client.get(url).content.decode()
    form = re.search(r'<form [^>]*id="\w+_form".*?</form>', html, re.DOTALL).group(0)
    data = FormFields(form).data
    data.pop("csrfmiddlewaretoken", None)
    return data


def post_article(staff_client, **fields):
    data = form_data(staff_client, "/admin/content/article/add/")
    defaults = {"title": "Hostile input", "slug": "hostile-input", "summary": "Attacks."}
    data.update(defaults, body=f"{MARKER}.", status="published")
    data.update(fields)
    return staff_client.post("/admin/content/article/add/", data)


def post_cell(staff_client, cell, text):
    url = f"/admin/comparisons/cell/{cell.pk}/change/"
    data = form_data(staff_client, url)
    data["text"] = text
    return staff_client.post(url, data)


class Tags(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def assert_inert(fragment, in_text=True):
    """Nothing in `fragment` (HTML from editor text) can run script or fetch anything.

    With `in_text=False` the words may show as escaped text (fields shown as plain text), but
    never inside a tag.
    """
    assert MARKER in fragment, "the hostile text did not reach the page at all"
    checked = fragment if in_text else "".join(re.findall(r"<[^>]*>", fragment))
    for text in FORBIDDEN_TEXT:
        assert text not in checked.lower(), text
    for tag, attrs in Tags(fragment).tags:
        assert tag not in FORBIDDEN_TAGS, tag
        for name, value in attrs:
            assert not name.startswith(("on", "hx-", "data-hx", "style")), (tag, name)
            if name in URL_ATTRIBUTES:
                compact = re.sub(r"[\x00-\x20\x7f]+", "", value or "").lower()
                assert not compact.startswith(("javascript:", "vbscript:", "data:")), value


def public_get(url):
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_markdown_attacks_in_an_article_never_reach_the_public_page(staff_client, starter):
    response = post_article(staff_client, body=ATTACKS)
    assert response.status_code == 302

    html = public_get("/articles/hostile-input/")
    body = re.search(r'<div class="prose">(.*)</article>', html, re.DOTALL).group(1)
    assert_inert(body)
    # Harmless Markdown around the attacks still works.
    assert '<a href="/compare/outsourcing-vs-offshoring/"' in body
    assert "<code>&lt;script&gt;" in body


def test_markdown_attacks_in_a_cell_never_reach_the_comparison_or_its_embed(staff_client, starter):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks")
    response = post_cell(staff_client, cell, ATTACKS)
    assert response.status_code == 302
    cell.refresh_from_db()
    assert cell.text == ATTACKS.strip()  # stored as typed

    for url in [
        "/compare/outsourcing-vs-offshoring/",
        "/embed/compare/outsourcing-vs-offshoring/",
        "/compare/outsourcing-vs-offshoring/?show=risks",
    ]:
        html = public_get(url)
        assert_inert(re.search(r"<tbody>(.*)</tbody>", html, re.DOTALL).group(1))


def test_search_excerpts_of_hostile_text_are_escaped(staff_client, starter):
    post_article(staff_client, body=ATTACKS)
    html = public_get(f"/search/?q={MARKER}")
    results = html.split("<h1", 1)[1]
    assert MARKER in results
    for text in ["<script", "<img", "<svg", "<iframe", "onerror=", 'hx-get="/admin']:
        assert text not in results.lower(), text


def test_a_one_megabyte_article_body_is_refused_with_the_maximum_named(staff_client, starter):
    # Every Markdown field has a maximum (editorial.rendering.Markdown), so rendering any body
    # stays fast; the form says so and keeps nothing.
    paragraph = "Offshoring moves work abroad; outsourcing hands it to another company. " * 10
    body = f"{MARKER}\n\n" + "\n\n".join([paragraph] * 1500)
    assert len(body) > 1_000_000
    response = post_article(staff_client, body=body)
    assert response.status_code == 200
    assert "the most this field takes is 20,000" in response.content.decode()
    assert not Article.objects.filter(slug="hostile-input").exists()


def test_a_body_beyond_the_upload_limit_is_refused_with_400(staff_client, starter):
    # DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB): Django refuses the request before any form runs.
    response = post_article(staff_client, body="x" * 3_000_000)
    assert response.status_code == 400
    assert not Article.objects.filter(slug="hostile-input").exists()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("title", "T" * 300, "Ensure this value has at most 200 characters"),
        ("slug", "s" * 300, "Ensure this value has at most 120 characters"),
        ("summary", "S" * 10_000, "Ensure this value has at most 300 characters"),
        ("slug", "not a slug <script>", "Enter a valid “slug”"),
        ("title", "Nul\x00title", "Null characters are not allowed."),
        ("slug", "nul\x00slug", "Null characters are not allowed."),
        ("summary", "Nul\x00summary", "Null characters are not allowed."),
        ("body", "Nul\x00body", "Null characters are not allowed."),
        ("published_at_0", "2024-01-01\x00", "Enter a valid date."),
        ("status", "\x00", "Select a valid choice."),
    ],
    ids=lambda v: v[:20] if isinstance(v, str) else v,
)
def test_oversized_or_nul_article_input_gets_a_form_error(
    staff_client, starter, field, value, message
):
    articles = Article.objects.count()
    response = post_article(staff_client, **{field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    # Counted, not looked up by title or slug: some of the values tried replace those.
    assert Article.objects.count() == articles


def test_nul_bytes_in_a_cell_get_a_form_error(staff_client, starter):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="risks")
    before = cell.text
    response = post_cell(staff_client, cell, "Risky\x00text")
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    cell.refresh_from_db()
    assert cell.text == before


@pytest.mark.parametrize("number", ["7", "9" * 5000])
def test_a_shortcode_token_typed_by_hand_stays_text(staff_client, starter, number):
    # The placeholder word that [[compare …]] lines turn into while Markdown runs.
    token = f"LIVETABLESHORTCODE{number}X"
    response = post_article(staff_client, body=f"{MARKER}\n\n{token}\n")
    assert response.status_code == 302
    assert token in public_get("/articles/hostile-input/")


def test_markdown_attacks_in_a_glossary_term_never_reach_its_page(staff_client, starter):
    data = form_data(staff_client, "/admin/glossary/term/add/")
    data.update(
        name=f"Zebrasourcing {MARKER}",
        slug="zebrasourcing",
        also_known_as='<img src=x onerror="alert(1)">',
        short_definition='"><script>alert(1)</script><a href="javascript:alert(2)" onload="x',
        definition=ATTACKS,
    )
    response = staff_client.post("/admin/glossary/term/add/", data)
    assert response.status_code == 302

    html = public_get("/glossary/zebrasourcing/")
    page = re.search(r'<article class="term-detail">(.*?)</article>', html, re.DOTALL).group(1)
    # Name, synonyms and short definition are plain text: shown escaped, as typed.
    assert "&lt;img src=x onerror=" in page
    assert_inert(page, in_text=False)
    # The definition is Markdown: nothing of the attacks is left, not even as text.
    assert_inert(re.search(r"<div class=\"prose\">(.*?)</div>", page, re.DOTALL).group(1))


@pytest.mark.parametrize(
    "url",
    [
        "/admin/content/article/?q=%00",
        "/admin/comparisons/cell/?q=a%00b&o=%00&p=%00",
        "/admin/glossary/term/?q=%00",
        "/admin/content/article/?published_at__gte=%00",
        "/admin/comparisons/cell/?comparison=%00&strategy__id__exact=%00",
        "/admin/content/article/%00/change/",
        "/admin/content/article/abc/change/",
        "/admin/content/article/?status=%00",
        "/admin/autocomplete/?term=%00&app_label=content&model_name=article&field_name=related",
        "/admin/content/article/abc/history/",
        "/admin/content/article/1/history/abc/",
        "/admin/comparisons/cell/1/history/" + "9" * 30 + "/",
    ],
)
def test_hostile_admin_addresses_answer_without_a_server_error(staff_client, starter, url):
    assert staff_client.get(url).status_code in (200, 302, 400, 404)


def test_nul_in_the_user_agent_at_sign_in_is_a_clear_400(client, db):
    response = client.post(
        "/admin/login/",
        {"username": "someone", "password": "wrong"},
        HTTP_USER_AGENT="Mozilla\x00/5.0",
    )
    assert response.status_code == 400
    assert "<h1>" in response.content.decode()
