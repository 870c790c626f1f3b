"""The rows of bench/report.py's table, from the figures its bench scripts wrote.

Each *_rows() function returns rows: target, measured, reference, ratio, verdict (None for
information only). Every target is issue 15's: a ratio to a reference measured in the same run.
"""

THROUGHPUT_RATIO = 0.85  # of the minimal Django view's requests per second
# Render targets, each a ratio to a floor measured in the same process (bench/render.py):
# (request name, size, served from the page cache) -> (floor, most times the floor).
HELLO_FLOOR = ("hello (reference)", "-", True)
RENDER_RATIOS = {
    ("starter page", "starter", True): (HELLO_FLOOR, 1.5),
    ("starter fragment", "starter", True): (HELLO_FLOOR, 1.5),
    ("article", "starter", True): (HELLO_FLOOR, 1.5),
    ("large page", "40x30", True): (HELLO_FLOOR, 1.5),
    ("starter page", "starter", False): (("plain table", "starter", False), 3.0),
    ("starter fragment", "starter", False): (("plain table", "starter", False), 2.0),
    ("large page", "40x30", False): (("plain table", "40x30", False), 3.0),
    ("large fragment", "40x30", False): (("plain table", "40x30", False), 2.0),
    # Cold as well: the first page after an edit, which also builds the comparison's grid again.
    ("page after an edit", "starter", False): (("plain table", "starter", False), 3.0),
    ("page after an edit", "40x30", False): (("plain table", "40x30", False), 3.0),
}
FIRST_VISIT_LIMIT = 40 * 1024  # HTML + CSS + JS, compressed as sent
FRAGMENT_LIMIT = 6 * 1024
MAP_LIMIT = 4 * 1024  # map.svg, compressed as sent


def label(run_name):
    """A run as the table names it: "redis+postgresql" is "redis cache, PostgreSQL"."""
    cache, _, database = run_name.partition("+")
    return f"{cache} cache, " + {"postgresql": "PostgreSQL", "sqlite": "SQLite"}[database]


def throughput_rows(loads):
    rows = []
    for run_name, load in loads.items():
        rps = load["throughput"]
        hello = rps["hello (reference)"]
        judged = load["judged"]
        for name in ("page", "fragment (htmx)"):
            ratio = rps[name] / hello
            rows.append(
                (
                    f"{'' if judged else '(info) '}throughput, filtered {name.split()[0]} "
                    f"({label(run_name)})",
                    f"{rps[name]:.0f} req/s",
                    f"hello {hello:.0f} req/s",
                    f"{ratio:.2f} (>= {THROUGHPUT_RATIO:.2f})",
                    ratio >= THROUGHPUT_RATIO if judged else None,
                )
            )
    return rows


def render_rows(figures):
    rows = []
    for (name, size, cached), (floor_key, most) in RENDER_RATIOS.items():
        median = figures[name, size, cached]["median_ms"]
        # A hit is judged against the hello requests timed in turn with it (bench/render.py).
        paired = figures[name, size, cached]["hello_between_ms"]
        floor = paired or figures[floor_key]["median_ms"]
        reference = "hello, in turn" if paired else floor_key[0]
        state = "cache hit" if cached else "cold"
        ratio = median / floor
        rows.append(
            (
                f"median render, {name} ({size}, {state})",
                f"{median:.2f} ms",
                f"{reference} {floor:.2f} ms",
                f"{ratio:.2f} (<= {most:g})",
                ratio <= most,
            )
        )
    return rows


def query_rows(figures):
    rows = []
    for kind in ("page", "fragment"):
        small = figures[f"starter {kind}", "starter", False]["queries"]
        large = figures[f"large {kind}", "40x30", False]["queries"]
        rows.append(
            (
                f"queries per uncached {kind}, 40x30",
                f"{large} queries",
                f"starter {small} queries",
                f"{large / small:.2f} (= 1)",
                large == small,
            )
        )
    return rows


def transfer_rows(transfer):
    rows = []
    for visit, label in [("first_visit", "first visit"), ("pair_visit", "first visit, pair page")]:
        total = sum(item[3] for item in transfer[visit])
        kinds = "+".join(item[0] for item in transfer[visit])
        rows.append(
            (
                f"{label}, compressed ({kinds})",
                f"{total} B",
                f"limit {FIRST_VISIT_LIMIT} B",
                f"{total / FIRST_VISIT_LIMIT:.2f} (<= 1)",
                total <= FIRST_VISIT_LIMIT,
            )
        )
    for name, limit in [("fragment", FRAGMENT_LIMIT), ("map", MAP_LIMIT)]:
        size = transfer[name][3]
        rows.append(
            (
                f"{'map.svg' if name == 'map' else name}, compressed",
                f"{size} B",
                f"limit {limit} B",
                f"{size / limit:.2f} (<= 1)",
                size <= limit,
            )
        )
    return rows


def revalidation_rows(loads):
    rows = []
    for run_name, load in loads.items():
        checks = load["revalidation"]
        good = [
            name
            for name, status, etag, again, body, _cc in checks
            if status == 200 and etag and again == 304 and body == 0
        ]
        rows.append(
            (
                f"ETag + empty 304 on repeat ({label(run_name)})",
                f"{len(good)} URLs",
                f"{len(checks)} URLs",
                f"{len(good) / len(checks):.2f} (= 1)",
                len(good) == len(checks),
            )
        )
    return rows


def freshness_rows(loads):
    rows = []
    for run_name, load in loads.items():
        asked, shown = load["freshness"]
        rows.append(
            (
                f"edit in another process, shown at once ({label(run_name)})",
                f"{shown} requests",
                f"{asked} requests",
                f"{shown / asked:.2f} (= 1)",
                shown == asked,
            )
        )
    return rows


def info_rows(figures):
    """For information: what a cache miss costs, a 304, and Django's healthz (one query)."""
    rows = []
    for label, key in [
        ("starter page (uncached)", ("starter page", "starter", False)),
        ("starter fragment (uncached)", ("starter fragment", "starter", False)),
        ("article (uncached)", ("article", "starter", False)),
        ("starter page, If-None-Match -> 304", ("starter page 304", "starter", True)),
        ("/healthz", ("healthz (reference)", "-", True)),
    ]:
        f = figures[key]
        rows.append(
            (
                f"(info) median, {label}",
                f"{f['median_ms']:.2f} ms",
                f"{f['queries']} queries",
                "",
                None,
            )
        )
    return rows


def served_floor_rows(figures):
    """For information: the cold rows against floor (b)'s table served as a cold page
    (bench/plain_urls.py), the least a cold page showing that table costs through the site."""
    rows = []
    for name, size in [
        ("starter page", "starter"),
        ("starter fragment", "starter"),
        ("page after an edit", "starter"),
        ("large page", "40x30"),
        ("large fragment", "40x30"),
        ("page after an edit", "40x30"),
    ]:
        median = figures[name, size, False]["median_ms"]
        floor = figures["plain table page", size, False]["median_ms"]
        rows.append(
            (
                f"(info) {name} ({size}, cold) vs the plain table served cold",
                f"{median:.2f} ms",
                f"plain table page {floor:.2f} ms",
                f"{median / floor:.2f}",
                None,
            )
        )
    return rows


def table_line(cells, widths):
    return " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


def print_table(rows):
    header = ["target", "measured", "reference", "ratio", "pass/fail"]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(4)] + [9]
    line = table_line(header, widths)
    print()
    print(line)
    print("-" * len(line))
    for *cells, verdict in rows:
        mark = "" if verdict is None else ("pass" if verdict else "FAIL")
        print(table_line([*cells, mark], widths))
