"""Load test: the filtered comparison page and its htmx fragment under wrk, served like production.

Run from the project directory: `.venv/bin/python bench/load.py` (needs Debian's `wrk`).
Starts its own gunicorn (2 sync workers) with the production settings on a throwaway SQLite
database (migrate and load_starter), collectstatic into a temporary STATIC_ROOT, plain HTTP on
127.0.0.1 (the only production setting changed through its environment: SECURE_SSL_REDIRECT=false).
Then wrk drives /healthz (the reference; it runs `SELECT 1`, so it includes the database round
trip), the page and the fragment, one after the other. Exits 1 on any non-2xx response (3xx
included: a redirect means a misconfiguration) or socket error.

wrk and gunicorn share the two cores: compare rows of one run, never figures across runs.
"""

import argparse
import http.client
import json
import os
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
ENDPOINTS = [  # name, path, extra headers; the first is the reference
    ("healthz (reference)", "/healthz", {}),
    ("page", URL, {}),
    ("fragment (htmx)", URL, {"HX-Request": "true"}),
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


def get(port, path, headers):
    # http.client does not follow redirects, so a 3xx shows up here as it would in wrk.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, len(response.read())
    finally:
        conn.close()


def prepare_site(tmp, env):
    # STATIC_ROOT is not read from the environment: a two-line settings module next to the
    # database puts it in the temporary directory and keeps everything else from prod.py.
    (tmp / "load_settings.py").write_text(
        f"from config.settings.prod import *  # noqa: F403\nSTATIC_ROOT = {str(tmp / 'static')!r}\n"
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


def run_wrk(args, script, port, path, headers):
    command = ["wrk", f"--threads={args.threads}", f"--connections={args.connections}"]
    command += [f"--duration={args.duration}s", f"--timeout={args.timeout}s", f"--script={script}"]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    out = subprocess.run(
        command + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRK_JSON "))
    return json.loads(line.removeprefix("WRK_JSON "))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    # wrk drops every latency above its timeout (default 2 s) from the percentiles and counts it
    # as a timeout; 64 connections on 2 workers queue for longer than that on a busy machine.
    # 30 s is gunicorn's own worker timeout: wrk gives up only when gunicorn would.
    parser.add_argument("--timeout", type=int, default=30, help="wrk's timeout, seconds")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
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
            "PYTHONPATH": os.pathsep.join([str(tmp), str(PROJECT_DIR)]),
            "DJANGO_SETTINGS_MODULE": "load_settings",
            "DATABASE_URL": f"sqlite:///{tmp / 'site.sqlite3'}",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
        }
        prepare_site(tmp, env)
        port = free_port()
        process, pid_file, log = start_gunicorn(tmp, env, port, args.workers)
        try:
            for name, path, headers in ENDPOINTS:
                # Warm both workers (template cache, database connection) before measuring.
                statuses = {get(port, path, headers) for _ in range(10)}
                print(f"{name}: status and bytes {sorted(statuses)}", flush=True)
                results.append((name, run_wrk(args, script, port, path, headers)))
        finally:
            stop_gunicorn(process, pid_file, log)
            gunicorn_log = (tmp / "gunicorn.log").read_text()

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
        f"gunicorn {args.workers} sync workers; wrk {args.threads} threads, "
        f"{args.connections} connections, {args.duration} s each"
    )
    if failed:
        print("FAILED: non-2xx responses or socket errors. gunicorn log tail:")
        print(gunicorn_log[-2000:])
        sys.exit(1)


if __name__ == "__main__":
    main()
