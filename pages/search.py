"""The site search page's questions to the search index (`editorial.search`).

Full-text search with stemming ("outsource" finds "outsourcing" and "outsourced"), British and
American spellings alike ("labour" finds "labor"), ranked, with excerpts that mark what
matched. The index holds every public document of every kind the content apps provide:
articles, glossary terms, comparisons, their cells and their pair pages. A search that finds
nothing suggests the glossary terms whose names are closest to the words typed.
"""

from dataclasses import dataclass, field

from editorial.search import query as parser
from editorial.search import runner
from glossary.search_documents import KIND as GLOSSARY_TERM

MAX_QUERY_LENGTH = parser.MAX_QUERY_LENGTH
MAX_WORDS = parser.MAX_WORDS


@dataclass
class Answer:
    hits: list = field(default_factory=list)  # runner.Hit, best first
    suggestions: list = field(default_factory=list)  # (title, url) of glossary terms
    words_dropped: bool = False  # only the first MAX_WORDS words were searched


def clean_query(raw):
    """(query, was_shortened): control characters removed, whitespace folded, length bounded."""
    return parser.clean(raw)


def search(text):
    """The Answer to a cleaned query (`clean_query`)."""
    query = parser.parse(text)
    hits = runner.search(query)
    suggestions = [] if hits else runner.suggest(text, GLOSSARY_TERM)
    return Answer(hits, suggestions, query.words_dropped)
