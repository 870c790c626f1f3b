"""Lighthouse scores for the main pages, served the way production serves them.

Run from the project directory: `.venv/bin/python bench/lighthouse.py` (or `make lighthouse`).
Starts its own gunicorn with the production settings on a throwaway SQLite database (migrate and
load_starter), collectstatic into a temporary STATIC_ROOT, plain HTTP on 127.0.0.1 (the only
production setting changed through its environment variable: SECURE_SSL_REDIRECT=false), then runs
Lighthouse (npm's, with Debian's Chromium; mobile form factor, its default) on each page and prints
the four category scores. Full reports go to bench/results/lighthouse-<page>.json (gitignored).
Nothing in the project's own database or staticfiles/ is touched.

Scores for performance depend on the machine's load: Lighthouse, Chromium and gunicorn share the
two cores. Compare pages within one run rather than figures across runs.
"""

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The same gunicorn, started and stopped the same way, as the load test (and its free port).
from load_server import free_port, start_gunicorn, stop_gunicorn

PROJECT_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LIGHTHOUSE = PROJECT_DIR / "node_modules" / ".bin" / "lighthouse"
RESULTS_DIR = PROJECT_DIR / "bench" / "results"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = [  # name, path
    ("home", "/"),
    ("article", "/articles/outsourcing-vs-offshoring/"),
    ("comparison", "/compare/outsourcing-vs-offshoring/"),
    ("pair", "/compare/sourcing-models/offshoring-vs-nearshoring/"),
    ("embed", "/embed/compare/outsourcing-vs-offshoring/"),
    # Version 1 is the one load_starter records: what a pinned snippet (the default) shows.
    ("pinned", "/embed/compare/outsourcing-vs-offshoring/v/1/"),
]


def prepare_site(tmp, env):
    # STATIC_ROOT is not read from the environment: a two-line settings module next to the
    # database puts it in the temporary directory and keeps everything else from prod.py.
    (tmp / "lighthouse_settings.py").write_text(
        f"from config.settings.prod import *  # noqa: F403\nSTATIC_ROOT = {str(tmp / 'static')!r}\n"
    )
    manage = [str(BIN / "python"), "manage.py"]
    for command in (["migrate", "--noinput"], ["load_starter"], ["collectstatic", "--noinput"]):
        subprocess.run(
            manage + command, cwd=PROJECT_DIR, env=env, check=True, stdout=subprocess.DEVNULL
        )


def lighthouse(url, name, attempts=3):
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    started = time.perf_counter()
    for attempt in range(1, attempts + 1):
        result = run_lighthouse(url, env)
        # A busy machine sometimes makes Chromium miss the navigation (NO_NAVSTART): retry.
        if result.returncode == 0 or attempt == attempts:
            break
        print(f"lighthouse failed on {url} (attempt {attempt}), trying again", file=sys.stderr)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    report = json.loads(result.stdout)
    (RESULTS_DIR / f"lighthouse-{name}.json").write_text(result.stdout)
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    # What cost points outside performance (whose audits are mostly timings).
    lost = []
    for category in CATEGORIES[1:]:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{category}: {ref['id']}")
    return scores, seconds, lost


def run_lighthouse(url, env):
    return subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def main():
    if not LIGHTHOUSE.exists():
        print("Installing Lighthouse and axe-core from package-lock.json (npm ci)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PROJECT_DIR, check=True)
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: run `make chromium`")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp_name:
        tmp = Path(tmp_name)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(tmp), str(PROJECT_DIR)]),
            "DJANGO_SETTINGS_MODULE": "lighthouse_settings",
            "DATABASE_URL": f"sqlite:///{tmp / 'site.sqlite3'}",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
        }
        prepare_site(tmp, env)
        port = free_port()
        process, pid_file, log = start_gunicorn(tmp, env, port, workers=2)
        try:
            results = []
            for name, path in PAGES:
                results.append((name, path, *lighthouse(f"http://127.0.0.1:{port}{path}", name)))
        finally:
            stop_gunicorn(process, pid_file, log)

    header = f"{'page':<12} {'path':<48} " + " ".join(f"{c:>14}" for c in CATEGORIES)
    print(header + f" {'seconds':>8}")
    print("-" * (len(header) + 9))
    for name, path, scores, seconds, _ in results:
        figures = " ".join(
            f"{'-' if scores[c] is None else round(scores[c] * 100):>14}" for c in CATEGORIES
        )
        print(f"{name:<12} {path:<48} {figures} {seconds:>8.1f}")
    for name, _, _, _, lost in results:
        if lost:
            print(f"{name} lost points on: {', '.join(lost)}")
    print("mobile form factor (Lighthouse's default); reports in bench/results/")


if __name__ == "__main__":
    main()
