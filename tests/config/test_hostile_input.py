"""Hostile query strings against every public URL: never a server error.

Query strings are built raw (percent-escapes included) and passed as QUERY_STRING, so NUL
bytes, invalid UTF-8 and stray `%` reach Django exactly as a client could send them. NUL
bytes matter most on PostgreSQL, which refuses them in text; run this file there too.
"""

import os
import re
from urllib.parse import quote

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

COMPARISON = "outsourcing-vs-offshoring"
PUBLIC_URLS = [
    "/",
    "/articles/",
    "/articles/outsourcing-vs-offshoring/",
    "/compare/",
    f"/compare/{COMPARISON}/",
    f"/compare/{COMPARISON}.json",
    f"/compare/{COMPARISON}.csv",
    f"/embed/compare/{COMPARISON}/",
    f"/embed/compare/{COMPARISON}/outsourcing-vs-offshoring/",
    f"/embed/compare/{COMPARISON}/map/",
    f"/compare/{COMPARISON}/guide/",
    f"/compare/{COMPARISON}/outsourcing-vs-offshoring/",
    f"/compare/{COMPARISON}/map.svg",
    f"/compare/{COMPARISON}/suggest/",
    f"/compare/{COMPARISON}/suggest/thanks/",
    "/oembed/",
    "/glossary/",
    "/glossary/offshoring/",
    "/search/",
    "/feed/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
]

# Real parameter names (filter dimensions, descriptive rows, the site's own parameters)...
PARAMETERS = [
    "location", "performer", "goal", "definition", "risks", "show", "theme", "controls",
    "url", "maxwidth", "maxheight", "format", "q", "step", "p", "page", "pick", "differences",
    "strategy", "dimension", "suggest", "version",
]  # fmt: skip
# ...and real values, mixed with junk, so that hostile input also reaches deep code paths.
VALUES = [
    "abroad", "home-country", "third-party", "own-staff", "cut-costs", "focus-on-core",
    "access-skills", "enter-new-markets", "ease-regulation", "light", "dark", "auto", "0", "1",
    "outsourcing", "offshoring", "offshore-outsourcing", "nearshoring", "a-vs-b",
    "2", "4", "json", "xml", "-1", "1e9", "99999999999999999999999", "０", "٣", "²", "NaN",
    quote(f"http://testserver/compare/{COMPARISON}/?location=abroad&theme=dark", safe=""),
    quote(f"https://testserver/embed/compare/{COMPARISON}/?controls=0", safe=""),
    quote(f"http://testserver/embed/compare/{COMPARISON}/map/?pick=offshoring", safe=""),
    quote(f"http://testserver/compare/{COMPARISON}/offshoring-vs-outsourcing/", safe=""),
    quote("http://testserver/compare/%00/", safe=""),
    "http://testserver/compare/sourcing-models/",
    "http%3A%2F%2Ftest%00server%2F", "http://[::1", "http://evil.example/compare/x/",
    "javascript:alert(1)", "//testserver/compare/", "http:", "https://testserver:99999/",
]  # fmt: skip
# Raw fragments: NUL, invalid UTF-8, truncated and bogus escapes, separators, CR/LF.
RAW = [
    "%00", "%C3%28", "%FF", "%FE%FF", "%ED%A0%80", "%E2%82", "%", "%z", "%zz", "%%", "+",
    "%20", "&", "=", ";", "%26", "%3D", "%0A", "%0D%0A", "..%2F", "%2e%2e%2f", "%uFFFE",
    "%C0%AF", "%F4%90%80%80", "%7F", "%1B",
]  # fmt: skip

token = st.one_of(
    st.sampled_from(PARAMETERS),
    st.sampled_from(VALUES),
    st.sampled_from(RAW),
    st.text(max_size=20).map(lambda s: quote(s, safe="")),
    st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=10).map(
        lambda s: s.replace("#", "%23")
    ),
)
piece = st.lists(token, max_size=4).map("".join)
key = st.one_of(st.sampled_from(PARAMETERS), piece)
long_value = st.builds(
    lambda fragment, times: fragment * times,
    st.sampled_from(["a", "%00", "%FF", "abroad,", "x%C3%28", "%E2%82%AC"]),
    st.integers(min_value=10_000, max_value=15_000),
)
value = st.one_of(st.sampled_from(VALUES), piece, long_value)
pair = st.one_of(
    st.builds(lambda k, v: f"{k}={v}", key, value),
    key,  # a key without "="
)
separator = st.sampled_from(["&", "&", "&", ";", "&&"])
few_pairs = st.builds(lambda sep, pairs: sep.join(pairs), separator, st.lists(pair, max_size=12))
# Thousands of parameters: beyond DATA_UPLOAD_MAX_NUMBER_FIELDS (1000) Django answers 400.
many_pairs = st.builds(
    lambda p, times: "&".join([p] * times), pair, st.integers(min_value=500, max_value=3000)
)
query_string = st.one_of(few_pairs, few_pairs, few_pairs, many_pairs)


def wsgi(raw):
    # Non-ASCII characters travel as raw UTF-8 bytes, which WSGI hands over as latin-1.
    return raw.encode("utf-8", "surrogatepass").decode("iso-8859-1")


def assert_handled(response, url, raw=""):
    allowed = {200, 400, 404}
    if url == "/oembed/":
        # oEmbed's own answer to an unsupported ?format= (oembed.com, section 2.3.4).
        allowed.add(501)
    assert response.status_code in allowed, (url, raw[:200], response.status_code)


# The starter fixture is function-scoped: loaded once per test and shared by its examples,
# which is fine because GET requests never change it.
HYPOTHESIS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# 300 generated strings on each URL take about 3 minutes per database; the default run sends
# 30 to each (plus the 300 below spread over all of them). `make test-hostile` sends 300 each.
EXAMPLES_PER_URL = int(os.environ.get("HOSTILE_EXAMPLES_PER_URL", "30"))


@pytest.mark.parametrize("url", PUBLIC_URLS)
@settings(HYPOTHESIS, max_examples=EXAMPLES_PER_URL)
@given(raw=query_string, htmx=st.booleans())
def test_generated_query_strings_on_each_url(client, starter, url, raw, htmx):
    # The views' own handling of each input, without the page cache in front of them (it is
    # exercised below); storing thousands of one-off hostile pages made this run minutes long.
    headers = {"HX-Request": "true"} if htmx else {}
    with override_settings(PAGE_CACHE_SECONDS=0):
        response = client.get(url, QUERY_STRING=wsgi(raw), headers=headers)
    assert_handled(response, url, raw)


@settings(HYPOTHESIS, max_examples=300)
@given(url=st.sampled_from(PUBLIC_URLS), raw=query_string, htmx=st.booleans())
def test_generated_query_strings_through_the_page_cache(client, starter, url, raw, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(url, QUERY_STRING=wsgi(raw), headers=headers)
    assert_handled(response, url, raw)


KNOWN_HOSTILE = [
    "q=%00",
    "q=a%00b&location=abroad%00",
    "location=%C3%28&performer=%FF",
    "%FF=%FF&%00=%00",
    "goal=" + "x" * 20_000,
    "q=" + "%00" * 10_000,
    "url=" + quote("http://testserver/compare/%00/", safe=""),
    "url=" + quote(f"http://testserver/compare/{COMPARISON}/?location=%00%FF", safe=""),
    "url=http://test%00server/&maxwidth=%00",
    "maxwidth=99999999999999999999&maxheight=-1&url=http://testserver/",
    "step=%00&location=abroad&step=99999999999",
    "show=%00&show=risks&show=" + "r" * 10_000,
    "p=%00",
    "p=99999999999999999999",
    "strategy=off%00shoring&dimension=risks%FF",
    "strategy=offshoring&dimension=" + "%00" * 5_000,
    "&".join(f"location=v{i}" for i in range(999)),
    "&".join(f"k{i}=%00" for i in range(3000)),
    "%",
    "=&=&&==",
]


def test_known_hostile_query_strings_never_cause_a_server_error(client, starter):
    for url in PUBLIC_URLS:
        for raw in KNOWN_HOSTILE:
            assert_handled(client.get(url, QUERY_STRING=wsgi(raw)), url, raw)


def test_too_many_parameters_answer_400(client, starter):
    raw = "&".join(f"location=abroad{i}" for i in range(1500))
    assert client.get(f"/compare/{COMPARISON}/", QUERY_STRING=raw).status_code == 400


def test_nul_bytes_in_search_are_ignored(client, starter):
    response = client.get("/search/", QUERY_STRING="q=off%00shoring")
    assert response.status_code == 200
    html = response.content.decode()
    # Searched for, and shown back, without the NUL.
    assert 'value="off shoring"' in html and "\x00" not in html


def test_nul_bytes_in_a_filter_are_reported_as_unknown_on_the_page_and_400_in_exports(
    client, starter
):
    page = client.get(f"/compare/{COMPARISON}/", QUERY_STRING="location=%00")
    assert page.status_code == 200
    notice = r"were not recognised and were ignored:</p>\s*<ul>\s*<li><code>location="
    assert re.search(notice, page.content.decode())
    as_json = client.get(f"/compare/{COMPARISON}.json", QUERY_STRING="location=%00")
    assert as_json.status_code == 400
    assert "valid values: home-country, abroad" in as_json.json()["error"]
    as_csv = client.get(f"/compare/{COMPARISON}.csv", QUERY_STRING="location=%00")
    assert as_csv.status_code == 400
    assert "valid values: home-country, abroad" in as_csv.content.decode()


@pytest.mark.parametrize("control", ["%00", "%1B", "%7F", "%C2%85"])  # NUL, ESC, DEL, NEL (C1)
def test_control_characters_of_an_unknown_filter_are_quoted_as_replacement_characters(
    client, starter, control
):
    query = f"location=ab{control}road"
    page = client.get(f"/compare/{COMPARISON}/", QUERY_STRING=query).content.decode()
    assert "<li><code>location=ab\ufffdroad</code></li>" in page
    as_json = client.get(f"/compare/{COMPARISON}.json", QUERY_STRING=query)
    assert "“ab\ufffdroad” is not a valid value for “location”" in as_json.json()["error"]
    as_csv = client.get(f"/compare/{COMPARISON}.csv", QUERY_STRING=query).content.decode()
    assert "“ab\ufffdroad” is not a valid value" in as_csv
    for body in (page, as_json.content.decode(), as_csv):
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", body)
