"""The speed targets, measured: one table of target, figure, reference, ratio and pass/fail.

Run from the project directory: `make bench` (or `.venv/bin/python bench/report.py`). Runs
bench/render.py (in-process render times and query counts) and bench/load.py (gunicorn with the
production settings under wrk; first-visit bytes; 304 revalidation), once with the default
local-memory page cache and once with Redis when a server answers at --redis-url, serving
production's database, PostgreSQL, when a server answers at --postgres-url (else SQLite); then
once more on SQLite, whose throughput is printed for information (its revalidation and
freshness checks are judged like the others). Their own detailed tables go to
bench/results/render.txt and bench/results/load-<cache>+<database>.txt. Then
bench/markdown_worst.py (the slowest hostile Markdown at its field's maximum length).

Throughput targets are ratios within one run on one machine (wrk and gunicorn share the cores),
never absolute figures across runs. Exits 1 if a target is missed.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
import redis
from report_rows import (
    freshness_rows,
    info_rows,
    print_table,
    query_rows,
    render_rows,
    revalidation_rows,
    served_floor_rows,
    throughput_rows,
    transfer_rows,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = PROJECT_DIR / "bench" / "results"
PYTHON = sys.executable

MARKDOWN_LIMIT_SECONDS = 1.0  # the worst hostile Markdown at its field's maximum length
OUTPUTS = []  # the detailed reports written by this run


def run(command, output, json_path):
    """Run one bench script, keeping its own report in `output`; return its figures."""
    print(f"running {' '.join(command[1:-2])} ...", flush=True)
    OUTPUTS.append(output)
    with open(output, "w") as log:
        done = subprocess.run(command, cwd=PROJECT_DIR, stdout=log, stderr=subprocess.STDOUT)
    if done.returncode or not json_path.exists():
        sys.exit(f"{command[1]} failed (exit {done.returncode}); see {output}")
    return json.loads(json_path.read_text())


def redis_answers(url):
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:
        return False
    return True


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="wrk seconds per endpoint")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--no-redis", action="store_true", help="skip the Redis run")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL run")
    return parser.parse_args()


def run_benches(args):
    """render.py once, load.py per page cache and database: (render figures, {run: figures}).

    The load runs serve production's database, PostgreSQL, when a server answers (else SQLite),
    once per page cache: those are judged. One more on the other database, with the last cache,
    is for information."""
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp_name:
        tmp = Path(tmp_name)
        render = run(
            [PYTHON, "bench/render.py", "--json", str(tmp / "render.json")],
            RESULTS_DIR / "render.txt",
            tmp / "render.json",
        )
        loads = {}
        for cache, database, judged in load_runs(args):
            name = f"{cache}+{database}"
            extra = [f"--postgres={args.postgres_url}"] if database == "postgresql" else []
            # Turns of about 2 s, in rotation: a slow moment of the shared machine then weighs
            # on the reference and the page alike (2 turns of 5 s each: ratios spread 0.83-0.96
            # over four runs; 5 turns of 2 s: 0.90-0.93).
            extra.append(f"--rounds={max(2, args.duration // 2)}")
            loads[name] = run(
                [PYTHON, "bench/load.py", f"--duration={args.duration}", f"--cache={cache}"]
                + [f"--redis-url={args.redis_url}", *extra]
                + ["--json", str(tmp / f"load-{name}.json")],
                RESULTS_DIR / f"load-{name}.txt",
                tmp / f"load-{name}.json",
            )
            loads[name]["judged"] = judged
    return render, loads


def load_runs(args):
    """(cache, database, judged) of each load run."""
    caches = ["locmem"]
    if not args.no_redis and redis_answers(args.redis_url):
        caches.append("redis")
    elif not args.no_redis:
        print(f"no Redis server at {args.redis_url}: the Redis runs are skipped")
    if args.no_postgres or not postgres_answers(args.postgres_url):
        if not args.no_postgres:
            print(f"no PostgreSQL server at {args.postgres_url}: SQLite is served instead")
        return [(cache, "sqlite", True) for cache in caches]
    return [(cache, "postgresql", True) for cache in caches] + [(caches[-1], "sqlite", False)]


def postgres_answers(url):
    try:
        psycopg.connect(url, connect_timeout=1).close()
    except Exception:
        return False
    return True


def markdown_row():
    """bench/markdown_worst.py's worst case, with its ratio to a normal document as long."""
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp_name:
        path = Path(tmp_name) / "markdown-worst.json"
        command = [PYTHON, "bench/markdown_worst.py", "--json", str(path)]
        worst = run(command, RESULTS_DIR / "markdown-worst.txt", path)["worst"]
    return (
        f"worst Markdown render ({worst['input']}, {worst['length']} chars, {worst['field']})",
        f"{worst['seconds']:.3f} s",
        f"normal doc {worst['normal_seconds']:.3f} s (x{worst['ratio']:.1f})",
        f"{worst['seconds'] / MARKDOWN_LIMIT_SECONDS:.2f} (< 1)",
        worst["seconds"] < MARKDOWN_LIMIT_SECONDS,
    )


def main():
    args = parse_args()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    render, loads = run_benches(args)
    figures = {(f["name"], f["size"], f["cached"]): f for f in render}
    rows = [
        *throughput_rows(loads),
        *render_rows(figures),
        *query_rows(figures),
        *transfer_rows(next(iter(loads.values()))["transfer"]),
        *revalidation_rows(loads),
        *freshness_rows(loads),
        markdown_row(),
        *info_rows(figures),
        *served_floor_rows(figures),
    ]
    print_table(rows)
    missed = [row[0] for row in rows if row[4] is False]
    print()
    print("details: " + ", ".join(str(path.relative_to(PROJECT_DIR)) for path in OUTPUTS))
    if missed:
        print("MISSED: " + "; ".join(missed))
        sys.exit(1)
    print("all targets met")


if __name__ == "__main__":
    main()
