"""Every named URL answers a public GET; malformed addresses answer 404, never 500.

The URL list comes from the resolver, so a new page is checked as soon as it is routed; one
whose arguments this file cannot fill fails until it is taught here.
"""

import re
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from comparisons.models import Comparison
from comparisons.pairs import pairs_of, strategies_of
from content.models import Article
from glossary.models import Term

pytestmark = pytest.mark.django_db

# Where each namespace's `slug` comes from: every public object of the starter content.
SLUG_SOURCES = {
    "content": lambda: Article.objects.published().values_list("slug", flat=True),
    "comparisons": lambda: Comparison.objects.published().values_list("slug", flat=True),
    "changelog": lambda: Comparison.objects.published().values_list("slug", flat=True),
    "corrections": lambda: Comparison.objects.published().values_list("slug", flat=True),
    "glossary": lambda: Term.objects.values_list("slug", flat=True),
}
# Pages that need a query string to mean anything.
QUERIES = {
    "oembed": "?url=http%3A%2F%2Ftestserver%2Fcompare%2Foutsourcing-vs-offshoring%2F",
}


def named_patterns(patterns=None, namespace=""):
    """(full name, pattern) for every named URL outside the admin."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name, entry


def pair_urls():
    """Every pair page of every published comparison."""
    return [
        pair.get_absolute_url()
        for comparison in Comparison.objects.published()
        for pair in pairs_of(comparison, strategies_of(comparison))
    ]


def pair_embed_urls():
    """Every pair embed of every published comparison."""
    return [
        reverse(
            "comparisons:pair_embed",
            kwargs={"slug": comparison.slug, "a": pair.first.slug, "b": pair.second.slug},
        )
        for comparison in Comparison.objects.published()
        for pair in pairs_of(comparison, strategies_of(comparison))
    ]


def suggest_urls():
    """The correction form of one cell of each published comparison (it needs the cell)."""
    urls = []
    for comparison in Comparison.objects.published():
        strategy, dimension = comparison.strategies.first(), comparison.dimensions.first()
        query = f"?strategy={strategy.slug}&dimension={dimension.slug}"
        urls.append(reverse("corrections:suggest", args=[comparison.slug]) + query)
    return urls


def pinned_embed_urls():
    """The pinned embed of every version of every published comparison."""
    return [
        reverse("changelog:embed", args=[comparison.slug, number])
        for comparison in Comparison.objects.published()
        for number in comparison.versions.values_list("number", flat=True)
    ]


# Patterns whose arguments are not one slug: where their addresses come from.
URL_SOURCES = {
    "comparisons:pair": pair_urls,
    "comparisons:pair_embed": pair_embed_urls,
    "corrections:suggest": suggest_urls,
    "changelog:embed": pinned_embed_urls,
}
# Named pages that are not public: each is tested where it belongs.
NOT_PUBLIC = {"editors_dashboard": "tests/pages/test_dashboard.py"}


def public_urls():
    urls = []
    for name, pattern in named_patterns():
        if name in NOT_PUBLIC:
            continue
        params = set(getattr(pattern.pattern, "converters", {})) or set(
            pattern.pattern.regex.groupindex
        )
        if name in URL_SOURCES:
            found = URL_SOURCES[name]()
            assert found, f"no starter content for {name}"
            urls += found
        elif params == {"slug"}:
            slugs = SLUG_SOURCES[name.split(":")[0]]()
            assert slugs, f"no starter content for {name}"
            urls += [reverse(name, kwargs={"slug": slug}) for slug in slugs]
        else:
            assert not params, f"teach test_every_url how to fill {params} of {name}"
            urls.append(reverse(name) + QUERIES.get(name, ""))
    return urls


def test_the_resolver_lists_every_public_page(starter):
    urls = public_urls()
    # A guard against the walk silently finding nothing.
    for expected in [
        "/",
        "/compare/outsourcing-vs-offshoring/",
        "/embed/compare/outsourcing-vs-offshoring/map/",
        "/embed/compare/outsourcing-vs-offshoring/outsourcing-vs-offshoring/",
        "/glossary/",
        "/healthz",
    ]:
        assert any(url.startswith(expected) for url in urls), expected
    assert not any(url.startswith("/admin/") for url in urls)


def test_every_named_url_answers_200_and_html_pages_have_one_h1(client, starter):
    failures = []
    for url in public_urls():
        response = client.get(url)
        if response.status_code != 200:
            failures.append((url, response.status_code))
            continue
        if response["Content-Type"].startswith("text/html"):
            h1s = len(re.findall(r"<h1[\s>]", response.content.decode()))
            if h1s != 1:
                failures.append((url, f"{h1s} h1"))
    assert failures == []


MALFORMED = [
    "/compare/%00/",
    "/compare/outsourcing-vs-offshoring%00/",
    "/compare/%00.json",
    "/compare/%00.csv",
    "/compare/%00/guide/",
    "/embed/compare/%00/",
    "/embed/compare/%00/map/",
    "/embed/compare/outsourcing-vs-offshoring/%00-vs-offshoring/",
    "/embed/compare/outsourcing-vs-offshoring/outsourcing-vs-%FF/",
    "/embed/compare/outsourcing-vs-offshoring/map/%00/",
    "/embed/compare/outsourcing-vs-offshoring/-vs-/",
    "/articles/%00/",
    "/articles/..%2f/",
    "/articles/..%2F..%2Fetc%2Fpasswd/",
    "/articles/%2e%2e/",
    "/glossary/%00/",
    "/glossary/..%5c/",
    "/compare/%C3%28/",
    "/compare/%FF/",
    "/articles/%FF%FE/",
    "/glossary/%ED%A0%80/",
    "/compare/" + quote("ünïcödé") + "/",
    "/articles/" + quote("文章") + "/",
    "/glossary/" + quote("😀") + "/",
    "/compare/" + "a" * 5000 + "/",
    "/articles/" + "a" * 5000 + "/",
    "/glossary/" + "a-" * 3000 + "/",
    "/embed/compare/" + "x" * 5000 + "/",
    "/compare/" + "x" * 5000 + ".json",
    "/compare/" + "%00" * 2000 + "/",
    "/no-such-page/",
    "/compare/outsourcing-vs-offshoring/%00/",
    "/compare/outsourcing-vs-offshoring/guide/%00/",
]


def test_malformed_addresses_answer_404(client, starter):
    answers = {path[:60]: client.get(path).status_code for path in MALFORMED}
    assert answers == {path[:60]: 404 for path in MALFORMED}
