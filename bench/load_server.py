"""The load bench's server and load generator: gunicorn with the production settings, and wrk.

Used by bench/load.py (and bench/lighthouse.py, for the same gunicorn started and stopped the
same way). prepare_site() builds a throwaway site in a temporary directory (its own settings
module on top of prod.py, SQLite database, collected static files); start_gunicorn() serves it
on 127.0.0.1 and stop_gunicorn() takes it down; run_wrk() drives one URL and parses wrk's
figures, combine() adds up one endpoint's turns.
"""

import contextlib
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import redis

PROJECT_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

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


def site_env(tmp, redis_url, database_url=None):
    """The environment of manage.py and gunicorn: the production settings (through the module
    prepare_site() writes) on `database_url`, else an SQLite database in `tmp`; Redis as page
    cache if `redis_url`."""
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp), str(PROJECT_DIR / "bench"), str(PROJECT_DIR)]),
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "DATABASE_URL": database_url or f"sqlite:///{tmp / 'site.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "REDIS_URL": redis_url,
    }


@contextlib.contextmanager
def throwaway_database(server_url):
    """A new PostgreSQL database on the server `server_url` names, dropped afterwards: yields
    its URL. With no `server_url`, yields None (the site's SQLite file)."""
    if not server_url:
        yield None
        return
    name = f"bench_load_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
        try:
            yield server_url.rsplit("/", 1)[0] + "/" + name
        finally:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


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
