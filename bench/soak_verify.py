"""What the soak checks after the editors stop: nothing saved was lost, and what the server logged.

lost_saves() reads the database through the Django ORM (the soak process runs django.setup()
with the server's own settings and environment): every save that answered 302 must have a
revision in the model's django-simple-history table holding exactly the text it wrote, and
each object must end up holding the text of its last successful save. When saves of one object
overlapped in time, any of the last overlapping ones may have committed last, so each counts
as the last. silent_overwrites() finds saves accepted from a form opened before another
editor's save had finished. log_exceptions() summarises the tracebacks in gunicorn's log.
"""

import re
from collections import Counter, defaultdict

from django.apps import apps

TRACEBACK = "Traceback (most recent call last):"


def by_target(posts):
    saved = defaultdict(list)
    for post in posts:
        if post.outcome == "saved":
            saved[post.target].append(post)
    return saved


def last_candidates(saves):
    """The saves that may have committed last: none other started after they had finished."""
    latest_start = max(save.start for save in saves)
    return [save for save in saves if save.end >= latest_start]


def lost_saves(posts):
    """[(post or None, reason)] of every successful save the database does not show."""
    lost = []
    for target, saves in by_target(posts).items():
        model = apps.get_model(target.app, target.model)
        revisions = set(
            model.history.filter(id=target.pk).values_list(target.field, flat=True).distinct()
        )
        lost += [
            (save, "no revision holds its text") for save in saves if save.text not in revisions
        ]
        final = model._base_manager.filter(pk=target.pk).values_list(target.field, flat=True)
        final = final.first()
        candidates = last_candidates(saves)
        if final not in {save.text for save in candidates}:
            lost.append((candidates[-1], f"final text is {final!r}"))
    return lost


def silent_overwrites(posts):
    """Saves accepted although another editor's save of the same object had finished after the
    form was opened and before it was posted: that save's text was overwritten unseen."""
    found = []
    for saves in by_target(posts).values():
        for save in saves:
            if any(
                other.editor != save.editor and other.start > save.opened and other.end < save.start
                for other in saves
            ):
                found.append(save)
    return found


def revision_counts(posts):
    """{model: (successful saves, new revisions holding soak text)} to show history kept up."""
    counts = {}
    for target, saves in by_target(posts).items():
        model = apps.get_model(target.app, target.model)
        made = model.history.filter(id=target.pk, **{f"{target.field}__startswith": "Soak "})
        saved, revisions = counts.get(target.model, (0, 0))
        counts[target.model] = (saved + len(saves), revisions + made.count())
    return counts


def collateral_changes(posts):
    """Counter of fields other than the edited one that a soak save changed: each save changes one
    field, so any other difference from the revision before is the form's round trip (or the
    save) altering what the editor did not touch, such as a form field stripping whitespace."""
    changed = Counter()
    for target in by_target(posts):
        model = apps.get_model(target.app, target.model)
        revisions = list(model.history.filter(id=target.pk).order_by("history_id").values())
        for before, after in zip(revisions, revisions[1:], strict=False):
            if not str(after[target.field]).startswith("Soak "):
                continue
            for name, value in after.items():
                skip = name == target.field or name.startswith("history_")
                if not skip and before[name] != value:
                    changed[f"{target.model}.{name}"] += 1
    return changed


def log_exceptions(log_text):
    """(Counter of exception lines, {exception line: first full traceback with its request})."""
    counts = Counter()
    examples = {}
    lines = log_text.splitlines()
    for index, line in enumerate(lines):
        if TRACEBACK not in line:
            continue
        end = index + 1
        while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
            end += 1
        # Chained exceptions print several tracebacks; the last line of each names its error.
        exception = lines[end].strip() if end < len(lines) else "(truncated)"
        exception = re.sub(r"0x[0-9a-f]+", "0x…", exception)
        counts[exception] += 1
        if exception not in examples:
            start = max(0, index - 2)
            examples[exception] = "\n".join(lines[start : end + 1])
    return counts, examples


def worker_events(log_text):
    """How often gunicorn booted, timed out or lost a worker (more boots than workers: restarts)."""
    marks = ("Booting worker", "WORKER TIMEOUT", "was sent SIGKILL", "Worker exiting")
    return Counter(mark for line in log_text.splitlines() for mark in marks if mark in line)
