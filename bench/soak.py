"""Soak: signed-in editors saving through the admin at once, under gunicorn and PostgreSQL.

Run from the project directory: `make soak` or `.venv/bin/python bench/soak.py --duration 60`.
Creates a fresh PostgreSQL database (`soak_<pid>`; migrate, load_starter), flushes the Redis
database of --redis-url, creates --editors staff users in the Editors group and starts gunicorn
(sync workers, --no-control-socket, --pid) with `config.settings.prod`; plain HTTP on
127.0.0.1 needs SECURE_SSL_REDIRECT=false and SECURE_COOKIES=false, nothing else changes.

Each editor (a thread with its own cookie jar) opens a random article, cell, strategy,
dimension, option or glossary term in the admin, changes one text field and saves the form as
the page gave it; about --stale-rate of the saves come from a form opened earlier and saved
after another editor saved the same object. Every POST is classified (302 saved, 200 with the
conflict message, other 200, 4xx, 5xx), then the database is checked: each successful save has
a revision with exactly its text, and each object holds the text of its last successful save.
Exits 1 on any 5xx (or request without an answer), lost save, or save accepted over another
editor's from a form that carried `version`. Drops the database at the end.
"""

import argparse
import os
import random
import secrets
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import django
from django.db import connections
from load_server import free_port, start_gunicorn, stop_gunicorn
from soak_client import Session
from soak_editors import Editor, Ledger
from soak_report import print_log, print_posts, print_verification
from soak_site import (
    PROJECT_DIR,
    create_database,
    create_editors,
    database_url,
    drop_database,
    flush_redis,
    pick_targets,
    prepare,
    site_env,
)

GROUP = "Editors"  # editorial.editors.GROUP (not imported: the soak only talks to the site)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of editing")
    parser.add_argument("--editors", type=int, default=8, help="concurrent signed-in editors")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--stale-rate", type=float, default=0.2, help="share of stale saves")
    parser.add_argument("--objects-per-model", type=int, default=6, help="objects edited")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    parser.add_argument("--database-server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    return parser.parse_args()


def edit(args, port, names, password, targets, seed):
    """Sign every editor in, then let them all edit until the deadline; the Ledger."""
    ledger = Ledger()
    run_id = f"r{os.getpid()}"
    editors = [
        Editor(name, Session(port), targets, ledger, random.Random(f"{seed}-{name}"), run_id)
        for name in names
    ]
    with ThreadPoolExecutor(len(editors)) as pool:
        list(pool.map(lambda e: e.session.sign_in(e.name, password), editors))
        deadline = time.monotonic() + args.duration
        list(pool.map(lambda e: e.run(deadline, args.stale_rate), editors))
    return ledger


def soak(args, env, tmp):
    """Prepare the site, serve it, edit; (ledger, gunicorn's log, targets)."""
    flush_redis(args.redis_url)
    prepare(env)
    os.environ.update(env)  # the soak reads the database with the server's own settings
    sys.path.insert(0, str(PROJECT_DIR))
    django.setup()
    seed = args.seed if args.seed is not None else random.randrange(10**6)
    password = secrets.token_urlsafe(16)
    names = create_editors(args.editors, password, GROUP)
    targets = pick_targets(args.objects_per_model, seed)
    connections.close_all()
    port = free_port()
    process, pid_file, log = start_gunicorn(tmp, env, port, args.workers)
    try:
        print(
            f"soak: {len(names)} editors, {len(targets)} objects, {args.workers} workers, "
            f"{args.duration:g} s, seed {seed}",
            flush=True,
        )
        ledger = edit(args, port, names, password, targets, seed)
    finally:
        stop_gunicorn(process, pid_file, log)
    return ledger, (tmp / "gunicorn.log").read_text()


def main():
    args = parse_args()
    name = f"soak_{os.getpid()}"
    env = site_env(database_url(args.database_server, name), args.redis_url)
    create_database(args.database_server, name)
    try:
        with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
            ledger, log_text = soak(args, env, Path(tmp))
            failures = print_posts(ledger)
            failures += print_verification(ledger.posts)
            failures += print_log(log_text, args.workers)
    finally:
        connections.close_all()
        drop_database(args.database_server, name)
    if failures:
        print(f"FAILED: {', '.join(failures)}")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
