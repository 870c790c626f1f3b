"""Site search over articles, glossary terms and comparison cells.

Plain `icontains` matching (every word must appear) works the same on SQLite and PostgreSQL
and is ample for a site of this size; results are grouped by kind, best matches first.
"""

import re
from dataclasses import dataclass
from functools import reduce
from operator import and_

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from comparisons.models import Cell, ComparisonDimension, ComparisonStrategy
from content.models import Article
from editorial.text import plain_text
from glossary.models import Term

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
MAX_RESULTS = 20
EXCERPT_RADIUS = 90
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class Result:
    kind: str
    title: str
    url: str
    excerpt: str


def clean_query(raw):
    """(query, was_shortened): control characters removed, whitespace folded, length bounded."""
    text = " ".join(_CONTROL.sub(" ", raw or "").split())
    return text[:MAX_QUERY_LENGTH].strip(), len(text) > MAX_QUERY_LENGTH


def words_of(query):
    return [w for w in query.split() if w][:MAX_WORDS]


def _all_words(fields, words):
    """Every word in at least one of the fields."""
    per_word = [
        reduce(lambda a, b: a | b, (Q(**{f"{f}__icontains": w}) for f in fields)) for w in words
    ]
    return reduce(and_, per_word)


def highlight(text, words):
    """An escaped excerpt of `text` around the first match, with every match in <mark>."""
    plain = plain_text(text)
    lowered = plain.lower()
    positions = [lowered.find(w.lower()) for w in words if w.lower() in lowered]
    start = max(0, min(positions) - EXCERPT_RADIUS) if positions else 0
    excerpt = plain[start : start + 2 * EXCERPT_RADIUS + 40]
    prefix = "…" if start else ""
    suffix = "…" if start + len(excerpt) < len(plain) else ""
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
    pieces, last = [], 0
    for match in pattern.finditer(excerpt):
        pieces.append(escape(excerpt[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(escape(excerpt[last:]))
    return mark_safe(prefix + "".join(pieces) + suffix)


def _title_first(items, words, title):
    return sorted(items, key=lambda item: not all(w.lower() in title(item).lower() for w in words))


def search_articles(words):
    found = Article.objects.published().filter(_all_words(["title", "summary", "body"], words))
    found = _title_first(list(found[:MAX_RESULTS]), words, lambda a: a.title)
    return [
        Result(
            "Article",
            a.title,
            a.get_absolute_url(),
            highlight(a.summary + " " + a.body_html, words),
        )
        for a in found
    ]


def search_terms(words):
    fields = ["name", "also_known_as", "short_definition", "definition"]
    found = _title_first(
        list(Term.objects.filter(_all_words(fields, words))[:MAX_RESULTS]), words, lambda t: t.name
    )
    return [
        Result(
            "Glossary",
            t.name,
            t.get_absolute_url(),
            highlight(t.short_definition + " " + t.definition_html, words),
        )
        for t in found
    ]


def search_cells(words):
    cells = (
        Cell.objects.filter(_all_words(["text", "strategy__name", "dimension__name"], words))
        .select_related("strategy", "dimension")
        .order_by("strategy__name", "dimension__name")[:MAX_RESULTS]
    )
    cells = list(cells)
    # Where each cell can be seen: the first published comparison with both its column and row.
    columns = {}
    for link in ComparisonStrategy.objects.filter(
        comparison__is_published=True, strategy__in={c.strategy_id for c in cells}
    ).select_related("comparison"):
        columns.setdefault(link.strategy_id, []).append(link.comparison)
    rows = set(
        ComparisonDimension.objects.filter(
            comparison__is_published=True, dimension__in={c.dimension_id for c in cells}
        ).values_list("comparison_id", "dimension_id")
    )
    results = []
    for cell in cells:
        home = next(
            (c for c in columns.get(cell.strategy_id, []) if (c.id, cell.dimension_id) in rows),
            None,
        )
        if home is None:
            continue
        url = f"{home.get_absolute_url()}?show={cell.dimension.slug}#row-{cell.dimension.slug}"
        title = f"{cell.strategy.name}: {cell.dimension.name}"
        results.append(Result(f"In “{home.title}”", title, url, highlight(cell.text_html, words)))
    return results


def search(query):
    words = words_of(query)
    if not words:
        return []
    return search_articles(words) + search_terms(words) + search_cells(words)
