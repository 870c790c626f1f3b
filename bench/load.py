"""Load test: the filtered comparison page and its htmx fragment under wrk, served like production.

Run from the project directory: `.venv/bin/python bench/load.py` (needs Debian's `wrk`).
Starts its own gunicorn (2 sync workers) with the production settings on a throwaway SQLite
database (migrate and load_starter), collectstatic into a temporary STATIC_ROOT, plain HTTP on
127.0.0.1 (the only production setting changed through its environment: SECURE_SSL_REDIRECT=false).
The settings module only adds the bench's URLconf (`bench/hello_urls.py`): the site plus
`/bench-hello/`, a view that returns a fixed short body, the reference. `--cache redis` sets
REDIS_URL (a bench-only key prefix on --redis-url), as production does to share the page cache.

Then wrk drives the reference, /healthz (it runs `SELECT 1`), the page and the fragment, one
after the other, each with a browser's Accept-Encoding. Exits 1 on any non-2xx response (3xx
included: a redirect means a misconfiguration) or socket error. Before that it measures what a
first visit transfers (the page, its CSS and JS, compressed as sent) and checks that every
public URL answers a repeated request carrying its ETag with an empty 304.

wrk and gunicorn share the two cores: compare rows of one run, never figures across runs.
"""

import argparse
import gzip
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
URL = "/compare/outsourcing-vs-offshoring/?location=abroad&performer=third-party"
HELLO = "/bench-hello/"
ENDPOINTS = [  # name, path, extra headers; the first is the reference
    ("hello (reference)", HELLO, {}),
    ("healthz", "/healthz", {}),
    ("page", URL, {}),
    ("fragment (htmx)", URL, {"HX-Request": "true"}),
]
# What a browser sends: the site's responses are compressed when this says so.
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}
# Public URLs that must revalidate with an empty 304 (ETag + If-None-Match).
CONDITIONAL = [
    ("page", URL, {}),
    ("fragment", URL, {"HX-Request": "true"}),
    ("home", "/", {}),
    ("article", "/articles/outsourcing-vs-offshoring/", {}),
    ("embed", "/embed/compare/outsourcing-vs-offshoring/?location=abroad", {}),
    ("JSON", "/compare/outsourcing-vs-offshoring.json?location=abroad", {}),
    ("CSV", "/compare/outsourcing-vs-offshoring.csv", {}),
    ("glossary", "/glossary/", {}),
]

# done() runs in wrk's main Lua state, response() in each thread's own: the per-thread counts
# are collected through the thread objects kept by setup(). Only 2xx counts as success; wrk's
# own errors.status would miss 3xx (it counts status > 399 only).
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then bad = bad + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("bad") end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, '
    .. '"max_us": %d, "non_2xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, bad, e.connect, e.read, e.write, e.timeout))
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, path, headers):
    """(status, headers, body as sent: compressed if the server compressed it)."""
    # http.client does not follow redirects, so a 3xx shows up here as it would in wrk.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def get(port, path, headers):
    status, _headers, body = fetch(port, path, headers)
    return status, len(body)


def decoded(headers, body):
    return gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body


def transfer(port):
    """Bytes a first visit to the comparison page transfers (bodies as sent), and the
    fragment's; with the static files' Content-Encoding and Cache-Control."""
    status, headers, body = fetch(port, URL, BROWSER)
    assert status == 200, status
    html = decoded(headers, body).decode()
    items = [("HTML", URL, headers.get("Content-Encoding", "none"), len(body), "")]
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assets += re.findall(r'<script src="([^"]+)"', html)
    for asset in assets:
        status, asset_headers, asset_body = fetch(port, asset, BROWSER)
        assert status == 200, (asset, status)
        encoding = asset_headers.get("Content-Encoding", "none")
        cache_control = asset_headers.get("Cache-Control", "")
        items.append(
            (
                "CSS" if asset.endswith(".css") else "JS",
                asset,
                encoding,
                len(asset_body),
                cache_control,
            )
        )
    status, headers, body = fetch(port, URL, {**BROWSER, "HX-Request": "true"})
    assert status == 200, status
    fragment = ("fragment", URL, headers.get("Content-Encoding", "none"), len(body), "")
    return {"first_visit": items, "fragment": fragment}


def revalidation(port):
    """For each public URL: its ETag, and the status and body size of a repeat with it."""
    results = []
    for name, path, headers in CONDITIONAL:
        status, first, _body = fetch(port, path, {**BROWSER, **headers})
        etag = first.get("ETag")
        again = fetch(port, path, {**BROWSER, **headers, "If-None-Match": etag or '"none"'})
        results.append((name, status, etag, again[0], len(again[2]), first.get("Cache-Control")))
    return results


def prepare_site(tmp, env):
    # STATIC_ROOT is not read from the environment: a small settings module next to the
    # database puts it in the temporary directory, adds the reference view's URLconf and
    # keeps everything else from prod.py.
    (tmp / "load_settings.py").write_text(
        "from config.settings.prod import *  # noqa: F403\n"
        f"STATIC_ROOT = {str(tmp / 'static')!r}\n"
        'ROOT_URLCONF = "hello_urls"\n'
        # A key prefix of its own: a shared Redis keeps nobody else's pages here.
        f"CACHES['default']['KEY_PREFIX'] = {'bench-' + tmp.name!r}\n"
    )
    manage = [str(BIN / "python"), "manage.py"]
    for command in (["migrate", "--noinput"], ["load_starter"], ["collectstatic", "--noinput"]):
        subprocess.run(
            manage + command, cwd=PROJECT_DIR, env=env, check=True, stdout=subprocess.DEVNULL
        )


def start_gunicorn(tmp, env, port, workers):
    pid_file = tmp / "gunicorn.pid"
    log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115  (closed in stop_gunicorn)
    command = [str(BIN / "gunicorn"), "config.wsgi", "--no-control-socket", f"--pid={pid_file}"]
    command += [f"--bind=127.0.0.1:{port}", f"--workers={workers}", "--worker-class=sync"]
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + 20
    try:  # also on Ctrl-C while waiting: never leave a gunicorn behind
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if get(port, "/healthz", {})[0] == 200 and pid_file.exists():
                    return process, pid_file, log
            except OSError:
                pass
            time.sleep(0.2)
    except BaseException:
        stop_gunicorn(process, pid_file, log)
        raise
    stop_gunicorn(process, pid_file, log)
    sys.exit("gunicorn did not start:\n" + (tmp / "gunicorn.log").read_text()[-3000:])


def stop_gunicorn(process, pid_file, log):
    # Stop the master by the pid it wrote itself (gotchas.md); it takes its workers down with it.
    try:
        os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        if process.poll() is None:
            process.terminate()
    try:
        process.wait(timeout=30)
    finally:
        log.close()


def forget_pages(redis_url, prefix):
    """Delete what this run cached in Redis (its own key prefix), keeping everything else."""
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=prefix + ":*"))
    if keys:
        client.delete(*keys)


def run_wrk(args, script, port, path, headers, duration):
    command = ["wrk", f"--threads={args.threads}", f"--connections={args.connections}"]
    command += [f"--duration={duration}s", f"--timeout={args.timeout}s", f"--script={script}"]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    out = subprocess.run(
        command + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRK_JSON "))
    return json.loads(line.removeprefix("WRK_JSON "))


def combine(runs):
    """One endpoint's wrk runs as one: counts added up, latency percentiles averaged (weighted
    by requests), the maximum kept."""
    total = {key: sum(r[key] for r in runs) for key in runs[0]}
    for key in ("p50_us", "p90_us", "p99_us"):
        total[key] = sum(r[key] * r["requests"] for r in runs) / max(1, total["requests"])
    total["max_us"] = max(r["max_us"] for r in runs)
    return total


def main():
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
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

    results = []
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp_name:
        tmp = Path(tmp_name)
        script = tmp / "report.lua"
        script.write_text(WRK_SCRIPT)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(tmp), str(PROJECT_DIR / "bench"), str(PROJECT_DIR)]),
            "DJANGO_SETTINGS_MODULE": "load_settings",
            "DATABASE_URL": f"sqlite:///{tmp / 'site.sqlite3'}",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "REDIS_URL": args.redis_url if args.cache == "redis" else "",
        }
        prepare_site(tmp, env)
        port = free_port()
        process, pid_file, log = start_gunicorn(tmp, env, port, args.workers)
        try:
            sizes = transfer(port)
            conditional = revalidation(port)
            for name, path, headers in ENDPOINTS:
                headers = {**BROWSER, **headers}
                # Warm both workers (template cache, database connection) before measuring.
                statuses = {get(port, path, headers) for _ in range(10)}
                print(f"{name}: status and bytes {sorted(statuses)}", flush=True)
            turn = max(1, round(args.duration / args.rounds))
            runs = {name: [] for name, _path, _headers in ENDPOINTS}
            for _round in range(args.rounds):
                for name, path, headers in ENDPOINTS:
                    headers = {**BROWSER, **headers}
                    runs[name].append(run_wrk(args, script, port, path, headers, turn))
            results = [(name, combine(name_runs)) for name, name_runs in runs.items()]
        finally:
            stop_gunicorn(process, pid_file, log)
            gunicorn_log = (tmp / "gunicorn.log").read_text()
            if args.cache == "redis":
                forget_pages(args.redis_url, "bench-" + tmp.name)

    header = f"{'endpoint':<20} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} "
    header += f"{'max ms':>8} {'non-2xx':>8} {'sock err':>8} {'req/s x ref':>11} {'p50 x ref':>9}"
    print(header)
    print("-" * len(header))
    ref = results[0][1]
    ref_rps, ref_p50 = ref["requests"] / ref["duration_us"] * 1e6, ref["p50_us"]
    failed = False
    for name, r in results:
        rps = r["requests"] / r["duration_us"] * 1e6
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
    print(
        f"gunicorn {args.workers} sync workers, {args.cache} page cache; wrk {args.threads} "
        f"threads, {args.connections} connections, {args.rounds} x {turn} s each, "
        "Accept-Encoding gzip; latency percentiles averaged over the turns"
    )
    print()
    print(f"{'first visit':<10} {'path':<62} {'encoding':>8} {'bytes':>7}  cache-control")
    for kind, path, encoding, size, cache_control in sizes["first_visit"] + [sizes["fragment"]]:
        print(f"{kind:<10} {path[:62]:<62} {encoding:>8} {size:>7}  {cache_control}")
    total = sum(item[3] for item in sizes["first_visit"])
    print(f"first visit total (HTML + CSS + JS): {total} bytes; fragment {sizes['fragment'][3]}")
    print()
    print(
        f"{'revalidation':<12} {'status':>6} {'etag':<38} {'repeat':>6} {'body':>5}  cache-control"
    )
    for name, status, etag, again, body, cache_control in conditional:
        print(f"{name:<12} {status:>6} {str(etag):<38} {again:>6} {body:>5}  {cache_control}")
    for name, status, etag, again, body, _cache_control in conditional:
        if status != 200 or not etag or again != 304 or body:
            print(f"FAILED: {name} does not revalidate with an empty 304")
            failed = True
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "cache": args.cache,
                    "duration": args.duration,
                    "throughput": {
                        name: r["requests"] / r["duration_us"] * 1e6 for name, r in results
                    },
                    "wrk": dict(results),
                    "transfer": sizes,
                    "revalidation": conditional,
                },
                indent=2,
            )
        )
    if failed:
        print("FAILED: non-2xx responses or socket errors. gunicorn log tail:")
        print(gunicorn_log[-2000:])
        sys.exit(1)


if __name__ == "__main__":
    main()
