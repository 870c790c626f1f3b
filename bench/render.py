"""Render-time benchmark: the starter comparison against a 40 x 30 one, in-process.

Run from the project directory: `.venv/bin/python bench/render.py` (`make bench` runs it with
bench/load.py and prints the targets). Uses a throwaway SQLite database and the test settings
(local-memory page cache); nothing in the project's own database is touched.

"cached" is a reader's request for a page already in the page cache; "uncached" empties the
cache before every request (outside the timing), so it includes rendering, gzipping and storing:
a filter combination nobody asked for yet, the comparison's grid kept from earlier requests
(comparisons.table.live_grid). "after an edit" also forgets the kept grids, as a save does.

Two reference floors are measured in the same process, so that targets are ratios that hold on
a fast machine and a slow one alike (issue 15):
- (a) "hello (reference)": a minimal Django view returning a short string, through the same
  client, middleware and settings (bench/hello_urls.py);
- (b) "plain table": for each size, a plain template rendering the same table as the measured
  page (the same strings, precomputed, in a simple loop), alone: what the template engine
  needs for the table's markup at the least.
For information, "plain table page" serves floor (b)'s table as a cold page through the site's
middleware and page cache (bench/plain_urls.py): what a cold page of that table cannot avoid.
A cache hit is timed in turn with hello (a hello request before each of its own), and judged
against the hello times taken in between ("x hello between"): a busy moment of the machine
then weighs on both.
"""

import argparse
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
TMP_DIR = tempfile.TemporaryDirectory(prefix="bench-render-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP_DIR.name}/bench.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils.safestring import mark_safe  # noqa: E402

from bench.plain_urls import PLAIN_TABLES  # noqa: E402
from comparisons.grid import live_grids  # noqa: E402
from comparisons.models import (  # noqa: E402
    Cell,
    Comparison,
    ComparisonDimension,
    ComparisonStrategy,
    Dimension,
    Option,
    Strategy,
)
from comparisons.table import build_table  # noqa: E402
from editorial.markup import render_markdown  # noqa: E402
from pagecache.decorators import local_cache  # noqa: E402

# Every request says what a browser says: the bytes column is what is sent, gzipped.
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}
N_STRATEGIES, N_DIMENSIONS, N_FILTERABLE, N_OPTIONS = 40, 30, 3, 4
SENTENCES = [
    "This approach moves **routine work** to a partner with the right skills.",
    "Costs are usually lower, but *coordination* takes more effort.",
    "Contracts should spell out [service levels](https://example.com/sla) clearly.",
    "Knowledge transfer is the riskiest phase and deserves a plan of its own.",
    "Time zones can help round-the-clock support or hurt quick decisions.",
    "Quality depends on how well the work is specified and reviewed.",
]


@transaction.atomic
def make_large_comparison(rng):
    strategies = Strategy.objects.bulk_create(
        Strategy(name=f"Bench strategy {i:02}", slug=f"bench-s{i:02}", summary="A strategy.")
        for i in range(N_STRATEGIES)
    )
    dimensions = Dimension.objects.bulk_create(
        Dimension(name=f"Bench row {i:02}", slug=f"bench-d{i:02}", filterable=i < N_FILTERABLE)
        for i in range(N_DIMENSIONS)
    )
    options = Option.objects.bulk_create(
        Option(dimension=d, slug=f"o{k}", label=f"Option {k}", order=k)
        for d in dimensions[:N_FILTERABLE]
        for k in range(N_OPTIONS)
    )
    cells = []
    for s in strategies:
        for d in dimensions:
            text = " ".join(rng.sample(SENTENCES, 3)) + "\n\n- " + rng.choice(SENTENCES)
            cells.append(Cell(strategy=s, dimension=d, text=text, text_html=render_markdown(text)))
    cells = Cell.objects.bulk_create(cells)
    by_dimension = {d.id: [o for o in options if o.dimension_id == d.id] for d in dimensions}
    Cell.options.through.objects.bulk_create(
        Cell.options.through(cell_id=c.id, option_id=o.id)
        for c in cells
        if by_dimension[c.dimension_id]
        for o in rng.sample(by_dimension[c.dimension_id], rng.randint(1, 2))
    )
    comparison = Comparison.objects.create(
        slug="bench-large", title="Benchmark: 40 strategies", intro="Generated.", is_published=True
    )
    ComparisonStrategy.objects.bulk_create(
        ComparisonStrategy(comparison=comparison, strategy=s, order=i)
        for i, s in enumerate(strategies)
    )
    ComparisonDimension.objects.bulk_create(
        ComparisonDimension(comparison=comparison, dimension=d, order=i)
        for i, d in enumerate(dimensions)
    )


def empty_cache(edited=False):
    cache.clear()
    local_cache.clear()
    if edited:
        live_grids.clear()


def measure(client, url, headers, runs, cached, warmup=5):
    """(median ms, p95 ms, queries, bytes, median ms of the reference in between or None).

    A page cache hit is timed in turn with the reference (hello): each of its requests follows
    one of hello's, so a busy moment of the machine weighs on both (a row measured alone moved
    by up to 60 % from run to run)."""
    edited = cached == "edited"
    cached = cached is True
    headers = BROWSER | headers
    expected = 304 if "If-None-Match" in headers else 200
    for _ in range(warmup):
        assert client.get(url, headers=headers).status_code == expected, url
    if not cached:
        empty_cache(edited)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    n_queries = len(queries)  # read now: later requests reset the connection's query log
    paired = cached and url != HELLO
    times, reference = [], []
    for _ in range(runs):
        if paired:
            start = time.perf_counter()
            client.get(HELLO, headers=BROWSER)
            reference.append((time.perf_counter() - start) * 1000)
        if not cached:
            empty_cache(edited)
        start = time.perf_counter()
        client.get(url, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
    return (
        *_median_p95(times),
        n_queries,
        len(response.content),
        statistics.median(reference) if reference else None,
    )


def _median_p95(times):
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * len(times)) - 1)]


HELLO = "/bench-hello/"  # floor (a), bench/hello_urls.py
STARTER = ("outsourcing-vs-offshoring", "location=abroad")
LARGE = ("bench-large", "bench-d00=o1")
# Floor (b): the table's markup from precomputed strings, the simplest loop that draws it.
PLAIN_TABLE = engines["django"].from_string(
    "<table><caption>{{ title }}</caption><thead><tr><th></th>"
    '{% for name in columns %}<th scope="col">{{ name }}</th>{% endfor %}</tr></thead><tbody>'
    '{% for name, cells in rows %}<tr><th scope="row">{{ name }}</th>'
    "{% for cell in cells %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}</tbody></table>"
)


def plain_table_context(slug, query):
    """The strings the page's table shows (names and each cell's stored HTML, marked safe as
    the page marks them), computed once, outside any timing."""
    table = build_table(Comparison.objects.get(slug=slug), QueryDict(query))
    rows = [
        (row.dimension.name, [mark_safe(cell.text_html if cell else "") for cell in row.cells])
        for row in table.rows
    ]
    return {
        "title": table.comparison.title,
        "columns": [s.name for s in table.matching],
        "rows": rows,
    }


def measure_plain_table(slug, query, runs=300, warmup=20):
    context = plain_table_context(slug, query)
    for _ in range(warmup):
        PLAIN_TABLE.render(context)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        html = PLAIN_TABLE.render(context)
        times.append((time.perf_counter() - start) * 1000)
    return *_median_p95(times), 0, len(html.encode()), None


def requests_to_measure(client):
    """name, size, url, headers, runs, cached; the first is the reference."""
    htmx = {"HX-Request": "true"}
    starter = f"/compare/{STARTER[0]}/?{STARTER[1]}"
    large = f"/compare/{LARGE[0]}/?{LARGE[1]}"
    article = "/articles/outsourcing-vs-offshoring/"
    etag = client.get(starter)["ETag"]
    return [
        ("healthz (reference)", "-", "/healthz", {}, 300, True),
        ("hello (reference)", "-", HELLO, {}, 300, True),
        ("starter page", "starter", starter, {}, 300, True),
        ("starter fragment", "starter", starter, htmx, 300, True),
        ("article", "starter", article, {}, 300, True),
        ("starter page 304", "starter", starter, {"If-None-Match": etag}, 300, True),
        ("starter page", "starter", starter, {}, 100, False),
        ("starter fragment", "starter", starter, htmx, 100, False),
        ("page after an edit", "starter", starter, {}, 100, "edited"),
        ("article", "starter", article, {}, 100, False),
        ("large page", "40x30", large, {}, 300, True),
        ("large page", "40x30", large, {}, 30, False),
        ("large fragment", "40x30", large, htmx, 30, False),
        ("page after an edit", "40x30", large, {}, 30, "edited"),
        # For information: floor (b)'s table served as a cold page (bench/plain_urls.py).
        ("plain table page", "starter", "/bench-plain/starter/", {}, 100, False),
        ("plain table page", "40x30", "/bench-plain/40x30/", {}, 30, False),
    ]


def print_results(results):
    """The table, against the reference (the first row), and the query counts compared."""
    reference = results[0][3]
    header = f"{'request':<22} {'size':>8} {'cache':>8} {'median ms':>10} {'p95 ms':>8} "
    header += f"{'queries':>8} {'x ref':>7} {'bytes':>9} {'x hello between':>15}"
    print(header)
    print("-" * len(header))
    for name, size, cached, median, p95, queries, nbytes, paired in results:
        ratio = median / reference
        state = "hit" if cached else "miss"
        between = f"{median / paired:>15.2f}" if paired else ""
        print(
            f"{name:<22} {size:>8} {state:>8} {median:>10.2f} {p95:>8.2f} {queries:>8} "
            f"{ratio:>7.1f} {nbytes:>9} {between}".rstrip()
        )
    counts = {(name, cached): queries for name, _, cached, _, _, queries, _, _ in results}
    for kind in ("page", "fragment"):
        small, big = counts[f"starter {kind}", False], counts[f"large {kind}", False]
        verdict = "equal" if small == big else "DIFFERENT"
        print(f"queries per uncached {kind}: starter {small}, large {big} -> {verdict}")


def write_json(path, results):
    """The figures bench/report.py reads."""
    figures = [
        {
            "name": name,
            "size": size,
            "cached": cached,
            "median_ms": median,
            "p95_ms": p95,
            "queries": queries,
            "bytes": nbytes,
            "hello_between_ms": paired,
        }
        for name, size, cached, median, p95, queries, nbytes, paired in results
    ]
    path.write_text(json.dumps(figures, indent=2))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_starter", stdout=io.StringIO())
    make_large_comparison(random.Random(42))

    client = Client()
    pages = requests_to_measure(client)
    for size, (slug, query) in (("starter", STARTER), ("40x30", LARGE)):
        PLAIN_TABLES[size] = (PLAIN_TABLE, plain_table_context(slug, query))
    started = time.perf_counter()
    # The bench's URLconf adds the hello view (floor a) and the plain table served as a page
    # to the site's own addresses.
    with override_settings(ROOT_URLCONF="bench.plain_urls"):
        results = [
            (name, size, cached is True, *measure(client, url, h, n, cached))
            for name, size, url, h, n, cached in pages
        ]
    results += [
        ("plain table", "starter", False, *measure_plain_table(*STARTER)),
        ("plain table", "40x30", False, *measure_plain_table(*LARGE, runs=100)),
    ]
    print_results(results)
    print(f"measured in {time.perf_counter() - started:.1f} s")
    if args.json:
        write_json(args.json, results)


if __name__ == "__main__":
    main()
