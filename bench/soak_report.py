"""The soak's printed figures. Each print_*() returns the names of what failed (empty: passed)."""

import statistics
from collections import Counter

from soak_verify import (
    collateral_changes,
    log_exceptions,
    lost_saves,
    revision_counts,
    silent_overwrites,
    worker_events,
)

OUTCOMES = ["saved", "conflict", "form error", "redirect", "4xx", "5xx", "no response", "other"]


def print_table(rows):
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [str(cell).rjust(width) for cell, width in zip(row, widths, strict=True)]
        print("  " + "  ".join([cells[0].ljust(widths[0]), *cells[1:]]))


def seconds(values):
    """Median and maximum, as "0.12/0.80"."""
    if not values:
        return "-"
    return f"{statistics.median(values):.2f}/{max(values):.2f}"


def print_by_model(posts, get_seconds):
    rows = [["model", "posts", "saved", "conflict", "stale saved", "stale conflict", "other"]]
    rows[0] += ["GET s (median/max)", "POST s (median/max)"]
    for model in sorted({p.target.model for p in posts}):
        mine = [p for p in posts if p.target.model == model]
        count = Counter(p.outcome for p in mine)
        stale = Counter(p.outcome for p in mine if p.stale)
        other = len(mine) - count["saved"] - count["conflict"]
        rows.append(
            [model, len(mine), count["saved"], count["conflict"], stale["saved"], stale["conflict"]]
            + [other, seconds(get_seconds.get(model)), seconds([p.end - p.start for p in mine])]
        )
    print_table(rows)


def print_posts(ledger):
    posts = ledger.posts
    count = Counter(p.outcome for p in posts)
    kept = sum(1 for p in posts if p.outcome == "conflict" and p.detail == "text kept")
    gets = sum(ledger.gets.values())
    get_5xx = sum(n for code, n in ledger.gets.items() if isinstance(code, int) and code >= 500)
    stale = [p for p in posts if p.stale]
    print(f"POSTs: {len(posts)} (from a stale form: {len(stale)})")
    print(f"saves: {count['saved']}")
    print(f"conflicts shown: {count['conflict']} (the editor's text kept in the form: {kept})")
    print(f"4xx: {count['4xx']}")
    print(f"5xx: {count['5xx']}")
    print(f"other 200 (form errors): {count['form error']}")
    print(f"redirected to sign-in: {count['redirect']}, no response: {count['no response']}")
    print(f"GETs of change pages: {gets}, non-200: {gets - ledger.gets.get(200, 0)}")
    print(f"stale saves: {Counter(p.outcome for p in stale).most_common()}")
    print_by_model(posts, ledger.get_seconds)
    for detail, n in Counter(
        f"{p.outcome} {p.target.model}: {p.detail}" for p in posts if p.outcome in OUTCOMES[2:]
    ).most_common(8):
        print(f"  {n} x {detail[:400]}")
    for path, status, detail in ledger.get_failures[:5]:
        print(f"  GET {path}: {status} {detail[:200]!r}")
    failures = []
    if count["5xx"] or get_5xx:
        failures.append(f"{count['5xx'] + get_5xx} 5xx")
    if count["no response"] or ledger.gets.get("no response"):
        failures.append("requests without an answer")
    return failures


def print_verification(posts):
    lost = lost_saves(posts)
    print(f"lost saves: {len(lost)}")
    for post, reason in lost[:10]:
        print(f"  {post.target.path} {post.editor} {post.text!r}: {reason}")
    overwrites = silent_overwrites(posts)
    versioned = [p for p in overwrites if p.versioned]
    print(f"silent overwrites: {len(overwrites)} (from forms carrying version: {len(versioned)})")
    for post in versioned[:5]:
        print(f"  {post.target.path} {post.editor} stale={post.stale} {post.text!r}")
    collateral = collateral_changes(posts)
    print(f"other fields changed by saves: {sum(collateral.values())} {dict(collateral)}")
    rows = [["model", "successful saves", "revisions with soak text"]]
    rows += [[model, *figures] for model, figures in sorted(revision_counts(posts).items())]
    print_table(rows)
    failures = [f"{len(lost)} lost saves"] if lost else []
    if versioned:
        failures.append(f"{len(versioned)} versioned saves overwrote another editor's")
    return failures


def print_log(log_text, workers):
    counts, examples = log_exceptions(log_text)
    events = worker_events(log_text)
    timeouts = events["WORKER TIMEOUT"] + events["was sent SIGKILL"]
    restarts = max(0, events["Booting worker"] - workers)
    print(f"gunicorn: tracebacks {sum(counts.values())}, worker timeouts {timeouts}, ", end="")
    print(f"worker restarts {restarts}")
    for exception, n in counts.most_common():
        print(f"  {n} x {exception}")
    for exception, text in examples.items():
        print(f"--- first traceback of {exception}\n{text}\n---")
    return ["worker timeouts"] if timeouts else []
