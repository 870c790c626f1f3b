from itertools import groupby
from string import ascii_uppercase

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from editorial.terms import mentioned_terms
from editorial.text import plain_text
from pagecache.decorators import public_page

from .models import Term

OTHER = "#"


def letter_of(term):
    first = term.name.strip()[:1].upper()
    return first if first in ascii_uppercase else OTHER


def anchor_of(letter):
    return "letter-other" if letter == OTHER else f"letter-{letter.lower()}"


@public_page(reads=())
@require_safe
def term_list(request):
    # A to Z whatever the database's collation; names not starting with A-Z come last, as "#".
    terms = sorted(
        Term.objects.only("name", "slug", "short_definition"),
        key=lambda t: (letter_of(t) == OTHER, letter_of(t), t.name.casefold()),
    )
    groups = [
        {"letter": letter, "anchor": anchor_of(letter), "terms": list(items)}
        for letter, items in groupby(terms, key=letter_of)
    ]
    present = {group["letter"] for group in groups}
    letters = [*ascii_uppercase, *([OTHER] if OTHER in present else [])]
    index = [
        {"letter": letter, "anchor": anchor_of(letter), "used": letter in present}
        for letter in letters
    ]
    context = {"groups": groups, "index": index, "nav": "glossary"}
    return render(request, "glossary/term_list.html", context)


@public_page(reads=())
@require_safe
def term_detail(request, slug):
    term = get_object_or_404(Term, slug=slug)
    # Related: the other terms its definition mentions, in its text (not in link addresses).
    text = plain_text(term.definition_html)
    context = {
        "term": term,
        "related": mentioned_terms(text, Term.objects.for_linking(), exclude_slug=term.slug),
        "nav": "glossary",
    }
    return render(request, "glossary/term_detail.html", context)
