"""Search cost: a long or hostile query must cost what a one-word query does.

Run from the project directory: `.venv/bin/python bench/search_cost.py` (`make bench` runs it).
Uses a throwaway SQLite database and the test settings (or, with `--postgres URL`, a fresh
database `search_cost_<pid>` on that PostgreSQL server, dropped at the end); nothing in the
project's own database is touched. Content: the starter, plus a 40 x 30 comparison (1,200
cells, 780 pair pages), so the index holds some 2,100 documents.

Each query is a whole request to /search/ with the page cache emptied before it (outside the
timing): parsing, the database's full-text match, ranking, excerpts and the template. The
target: a 100-word query and a 5,000-character hostile one (FTS5 and tsquery syntax, quotes,
NUL bytes) each take at most TARGET_RATIO times the median of the one-word query. Also
printed, for the record: how long the index takes to build, and to follow one cell's edit.
"""

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg import sql

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
TARGET_RATIO = 2.0
RUNS = 40
N_STRATEGIES, N_DIMENSIONS = 40, 30
ONE_WORD = "offshoring"
WORDS = "offshoring outsourcing nearshoring labour costs provider abroad skills risks control"
HUNDRED_WORDS = " ".join(WORDS.split() * 10)
HUNDRED_ALTERNATIVES = " or ".join(WORDS.split() * 5)  # 50 words and 49 "or": all match
HOSTILE_UNIT = 'NEAR(off "shore* ^ title_index: -(x OR y) AND NOT \x00 {a b}: 🙂 '
HOSTILE = (HOSTILE_UNIT * (5000 // len(HOSTILE_UNIT) + 1))[:5000]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="server URL, e.g. postgres://postgres@127.0.0.1:5432/postgres",
    )
    return parser.parse_args()


def set_up_database(args):
    """The database URL for this run, and a function that removes it afterwards."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    if not args.postgres:
        directory = tempfile.TemporaryDirectory(prefix="bench-search-")
        os.environ["DATABASE_URL"] = f"sqlite:///{directory.name}/bench.sqlite3"
        return directory.cleanup
    name = f"search_cost_{os.getpid()}"
    base = args.postgres.rsplit("/", 1)[0]
    server = f"{base}/postgres".replace("postgres://", "postgresql://", 1)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    os.environ["DATABASE_URL"] = f"{base}/{name}"

    def drop():
        connections.close_all()
        with psycopg.connect(server, autocommit=True) as conn:
            statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            conn.execute(statement.format(sql.Identifier(name)))

    return drop


ARGS = parse_args()  # before Django starts: it chooses the database
REMOVE_DATABASE = set_up_database(ARGS)

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402

from comparisons.models import (  # noqa: E402
    Cell,
    Comparison,
    ComparisonDimension,
    ComparisonStrategy,
    Dimension,
    Strategy,
)
from editorial.markup import render_markdown  # noqa: E402
from editorial.models import SearchDocument  # noqa: E402
from editorial.search import index  # noqa: E402
from pagecache.decorators import local_cache  # noqa: E402


def make_large_comparison(rng):
    """A published 40 x 30 comparison, written in bulk (no signals: the index is built after)."""
    sentences = [
        "Costs are usually lower, but coordination takes more effort.",
        "Knowledge transfer is the riskiest phase and deserves a plan of its own.",
        "Time zones can help round-the-clock support or hurt quick decisions.",
        "Quality depends on how well the work is specified and reviewed.",
        "The provider's specialisation and its labour market both matter.",
    ]
    strategies = Strategy.objects.bulk_create(
        Strategy(name=f"Bench strategy {i:02}", slug=f"bench-s{i:02}") for i in range(N_STRATEGIES)
    )
    dimensions = Dimension.objects.bulk_create(
        Dimension(name=f"Bench row {i:02}", slug=f"bench-d{i:02}") for i in range(N_DIMENSIONS)
    )
    cells = []
    for s in strategies:
        for d in dimensions:
            text = " ".join(rng.sample(sentences, 3))
            cells.append(Cell(strategy=s, dimension=d, text=text, text_html=render_markdown(text)))
    Cell.objects.bulk_create(cells)
    comparison = Comparison.objects.create(slug="bench-large", title="Benchmark", is_published=True)
    ComparisonStrategy.objects.bulk_create(
        ComparisonStrategy(comparison=comparison, strategy=s, order=i)
        for i, s in enumerate(strategies)
    )
    ComparisonDimension.objects.bulk_create(
        ComparisonDimension(comparison=comparison, dimension=d, order=i)
        for i, d in enumerate(dimensions)
    )


def timed(function, runs, before=None):
    """Median and best milliseconds of `function()` over `runs` calls (`before()` untimed)."""
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def measure_rebuild(size):
    """(name, median ms, best ms) of building the whole index, from empty and again."""

    def from_scratch():
        SearchDocument.objects.all().delete()
        index.rebuild()

    return [
        (f"rebuild from empty, {size}", *timed(from_scratch, 5)),
        (f"rebuild, nothing changed, {size}", *timed(index.rebuild, 5)),
    ]


def measure_edit():
    """(name, median ms, best ms) of one cell's save at 40 x 30, with and without the index
    following it (the difference is what the index adds to an edit)."""
    cell = Cell.objects.filter(strategy__slug="bench-s20").order_by("pk").first()
    texts = iter(f"Edited {i}: labour costs and {i} other things." for i in range(1000))

    def edit():
        cell.text = next(texts)
        cell.save()

    rows = [("cell saved, index follows", *timed(edit, 10))]
    with index.paused():
        rows.append(("cell saved, index paused", *timed(edit, 10)))
    return rows


def measure_queries():
    """(name, median ms, best ms, hits) of each query through the search page."""
    client = Client()

    def empty_cache():
        cache.clear()
        local_cache.clear()

    rows = []
    for name, text in [
        ("one word", ONE_WORD),
        ("100 words", HUNDRED_WORDS),
        ("100 words, or between", HUNDRED_ALTERNATIVES),
        ("5,000 hostile chars", HOSTILE),
    ]:
        query_string = "q=" + quote(text, safe="")
        response = client.get("/search/", QUERY_STRING=query_string)
        assert response.status_code == 200, (name, response.status_code)
        hits = response.content.decode().count('<p class="kind">')
        get = lambda qs=query_string: client.get("/search/", QUERY_STRING=qs)  # noqa: E731
        rows.append((name, *timed(get, RUNS, before=empty_cache), hits))
    return rows


def print_results(database, documents, index_rows, query_rows):
    print(f"database: {database}; index: {documents} documents\n")
    header = f"{'index':36} {'median ms':>10} {'best ms':>8}"
    print(header)
    print("-" * len(header))
    for name, median, best in index_rows:
        print(f"{name:36} {median:>10.1f} {best:>8.1f}")
    print()
    header = f"{'query':36} {'median ms':>10} {'best ms':>8} {'hits':>5} {'x one word':>11} verdict"
    print(header)
    print("-" * len(header))
    reference = query_rows[0][1]
    failed = False
    for i, (name, median, best, hits) in enumerate(query_rows):
        ratio = median / reference
        verdict = "reference" if i == 0 else ("pass" if ratio <= TARGET_RATIO else "FAIL")
        failed |= verdict == "FAIL"
        print(f"{name:36} {median:>10.2f} {best:>8.2f} {hits:>5} {ratio:>11.2f} {verdict}")
    verdict = "FAIL" if failed else "pass"
    print(f"\ntarget: each at most {TARGET_RATIO:g}x the one-word query: {verdict}")
    return failed


def main():
    try:
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_starter", stdout=io.StringIO())
        index_rows = measure_rebuild("starter")
        make_large_comparison(random.Random(42))
        index_rows += measure_rebuild("+ 40 x 30") + measure_edit()
        query_rows = measure_queries()
        failed = print_results(
            connection.vendor, SearchDocument.objects.count(), index_rows, query_rows
        )
    finally:
        REMOVE_DATABASE()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
