"""Load test: the filtered comparison page and its htmx fragment under wrk, served like production.

Run from the project directory: `.venv/bin/python bench/load.py` (needs Debian's `wrk`).
Starts its own gunicorn (2 sync workers) with the production settings on a throwaway SQLite
database (migrate and load_starter), collectstatic into a temporary STATIC_ROOT, plain HTTP on
127.0.0.1 (the only production setting changed through its environment: SECURE_SSL_REDIRECT=false).
The settings module only adds the bench's URLconf (`bench/hello_urls.py`): the site plus
`/bench-hello/`, a view that returns a fixed short body, the reference. `--cache redis` sets
REDIS_URL (a bench-only key prefix on --redis-url), as production does to share the page cache.
`--postgres URL` serves a throwaway PostgreSQL database on that server instead of SQLite, as
production does (each request's content version is then a round trip to the server).

Then wrk drives the reference, /healthz (it runs `SELECT 1`), the page and the fragment, one
after the other, each with a browser's Accept-Encoding. Exits 1 on any non-2xx response (3xx
included: a redirect means a misconfiguration) or socket error. Before that it measures what a
first visit transfers (the page, its CSS and JS, compressed as sent) and checks that every
public URL answers a repeated request carrying its ETag with an empty 304; after it, that a
cell saved by another process shows in every following request, whichever worker answers (each
keeps pages and the comparison's grid in memory). Exits 1 if either fails.

wrk and gunicorn share the two cores: compare rows of one run, never figures across runs.
gunicorn and wrk are driven by bench/load_server.py, the transfer and revalidation checks are
in bench/load_checks.py; this module runs them and prints the tables.
"""

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from load_checks import (
    BROWSER,
    URL,
    freshness,
    print_freshness,
    print_revalidation,
    print_transfer,
    revalidation,
    transfer,
)
from load_server import (
    WRK_SCRIPT,
    combine,
    forget_pages,
    free_port,
    get,
    prepare_site,
    run_wrk,
    site_env,
    start_gunicorn,
    stop_gunicorn,
    throwaway_database,
)

HELLO = "/bench-hello/"
ENDPOINTS = [  # name, path, extra headers; the first is the reference
    ("hello (reference)", HELLO, {}),
    ("healthz", "/healthz", {}),
    ("page", URL, {}),
    ("fragment (htmx)", URL, {"HX-Request": "true"}),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds per endpoint")
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="split each endpoint's time into this many turns, taken in rotation, so that a "
        "slow moment of the machine weighs on every endpoint alike",
    )
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    # wrk drops every latency above its timeout (default 2 s) from the percentiles and counts it
    # as a timeout; 64 connections on 2 workers queue for longer than that on a busy machine.
    # 30 s is gunicorn's own worker timeout: wrk gives up only when gunicorn would.
    parser.add_argument("--timeout", type=int, default=30, help="wrk's timeout, seconds")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--cache", choices=["locmem", "redis"], default="locmem", help="page cache backend"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument(
        "--postgres", metavar="URL", help="a PostgreSQL server to serve a throwaway database on"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    return parser.parse_args()


def turn_seconds(args):
    """wrk's duration for one turn of one endpoint."""
    return max(1, round(args.duration / args.rounds))


def measure(args):
    """Serve the site, check it and drive it: (sizes, revalidation, wrk results, freshness,
    gunicorn log)."""
    with (
        tempfile.TemporaryDirectory(prefix="bench-load-") as tmp_name,
        throwaway_database(args.postgres) as database_url,
    ):
        tmp = Path(tmp_name)
        script = tmp / "report.lua"
        script.write_text(WRK_SCRIPT)
        env = site_env(tmp, args.redis_url if args.cache == "redis" else "", database_url)
        prepare_site(tmp, env)
        port = free_port()
        process, pid_file, log = start_gunicorn(tmp, env, port, args.workers)
        try:
            sizes = transfer(port)
            conditional = revalidation(port)
            warm_up(port)
            results = drive(args, script, port)
            fresh = freshness(port, env)
        finally:
            stop_gunicorn(process, pid_file, log)
            gunicorn_log = (tmp / "gunicorn.log").read_text()
            if args.cache == "redis":
                forget_pages(args.redis_url, "bench-" + tmp.name)
    return sizes, conditional, results, fresh, gunicorn_log


def warm_up(port):
    for name, path, headers in ENDPOINTS:
        headers = {**BROWSER, **headers}
        # Warm both workers (template cache, database connection) before measuring.
        statuses = {get(port, path, headers) for _ in range(10)}
        print(f"{name}: status and bytes {sorted(statuses)}", flush=True)


def drive(args, script, port):
    """wrk on every endpoint, in turns: [(name, combined figures)], the reference first."""
    turn = turn_seconds(args)
    runs = {name: [] for name, _path, _headers in ENDPOINTS}
    for _round in range(args.rounds):
        for name, path, headers in ENDPOINTS:
            headers = {**BROWSER, **headers}
            runs[name].append(run_wrk(args, script, port, path, headers, turn))
    return [(name, combine(name_runs)) for name, name_runs in runs.items()]


def requests_per_second(r):
    return r["requests"] / r["duration_us"] * 1e6


def print_wrk_table(args, results):
    """The throughput and latency table, against the reference; True on any failed request."""
    header = f"{'endpoint':<20} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} "
    header += f"{'max ms':>8} {'non-2xx':>8} {'sock err':>8} {'req/s x ref':>11} {'p50 x ref':>9}"
    print(header)
    print("-" * len(header))
    ref = results[0][1]
    ref_rps, ref_p50 = requests_per_second(ref), ref["p50_us"]
    failed = False
    for name, r in results:
        rps = requests_per_second(r)
        socket_errors = r["connect"] + r["read"] + r["write"] + r["timeout"]
        failed = failed or r["non_2xx"] > 0 or socket_errors > 0
        ms = [r[k] / 1000 for k in ("p50_us", "p90_us", "p99_us", "max_us")]
        print(
            f"{name:<20} {rps:>8.0f} {ms[0]:>8.1f} {ms[1]:>8.1f} {ms[2]:>8.1f} {ms[3]:>8.1f} "
            f"{r['non_2xx']:>8} {socket_errors:>8} {rps / ref_rps:>11.2f} "
            f"{r['p50_us'] / ref_p50:>9.1f}"
        )
        if socket_errors:
            kinds = ("connect", "read", "write", "timeout")
            print("  socket errors: " + ", ".join(f"{k} {r[k]}" for k in kinds))
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"gunicorn {args.workers} sync workers, {database}, {args.cache} page cache; "
        f"wrk {args.threads} "
        f"threads, {args.connections} connections, {args.rounds} x {turn_seconds(args)} s each, "
        "Accept-Encoding gzip; latency percentiles averaged over the turns"
    )
    return failed


def write_json(args, results, sizes, conditional, fresh):
    """The figures bench/report.py reads."""
    args.json.write_text(
        json.dumps(
            {
                "cache": args.cache,
                "database": "postgresql" if args.postgres else "sqlite",
                "duration": args.duration,
                "throughput": {name: requests_per_second(r) for name, r in results},
                "wrk": dict(results),
                "transfer": sizes,
                "revalidation": conditional,
                "freshness": fresh,
            },
            indent=2,
        )
    )


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")
    sizes, conditional, results, fresh, gunicorn_log = measure(args)
    failed = print_wrk_table(args, results)
    print()
    print_transfer(sizes)
    print()
    failed = print_revalidation(conditional) or failed
    failed = print_freshness(fresh) or failed
    if args.json:
        write_json(args, results, sizes, conditional, fresh)
    if failed:
        print("FAILED (see above). gunicorn log tail:")
        print(gunicorn_log[-2000:])
        sys.exit(1)


if __name__ == "__main__":
    main()
