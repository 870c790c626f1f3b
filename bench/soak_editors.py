"""The soak's editors: each opens and saves random content through the admin's change forms.

An editor (one thread, one signed-in Session) repeatedly picks a Target, GETs its change page,
replaces one text field of the form with a text no other save writes, and POSTs the rest as
the page gave it (hidden `version`, CSRF token, inline management forms and inline rows
included). Now and then it also opens a form and leaves it open; with probability
`stale_rate` its next save is one of those, once someone else has saved that object since it
was opened, as an editor coming back to an old tab would. Every request lands in the Ledger.
"""

import threading
import time
from dataclasses import dataclass

from soak_client import form_errors, parse_form

# The conflict message (editorial.versioning.Versioned.conflict_message) always says this.
CONFLICT = "after you opened this page"
MAX_OPEN_FORMS = 4


@dataclass(frozen=True)
class Target:
    app: str
    model: str
    pk: int
    field: str

    @property
    def path(self):
        return f"/admin/{self.app}/{self.model}/{self.pk}/change/"

    @property
    def form_id(self):
        return f"{self.model}_form"


@dataclass
class Post:
    editor: str
    target: Target
    text: str
    stale: bool
    versioned: bool  # the form carried a `version` field
    opened: float  # monotonic time the form's page had arrived
    start: float
    end: float = 0.0
    status: int = 0
    outcome: str = ""  # saved, conflict, form error, redirect, 4xx, 5xx, no response
    detail: str = ""


class Ledger:
    """Every POST and every failed GET, shared by the editors' threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.posts = []
        self.gets = {}  # status (or "no response") -> count
        self.get_seconds = {}  # model -> [seconds of each GET]
        self.get_failures = []  # (path, status, detail)
        self.open_forms = {}  # editor -> targets whose forms it has left open

    def keep_open(self, editor, targets):
        with self.lock:
            self.open_forms[editor] = list(targets)

    def open_elsewhere(self, editor):
        """Targets other editors have left open: saving one makes their forms stale."""
        with self.lock:
            return [t for name, ts in self.open_forms.items() if name != editor for t in ts]

    def add_post(self, post):
        with self.lock:
            self.posts.append(post)

    def count_get(self, target, status, seconds, detail=""):
        with self.lock:
            self.get_seconds.setdefault(target.model, []).append(seconds)
            self.gets[status] = self.gets.get(status, 0) + 1
            if status != 200:
                self.get_failures.append((target.path, status, detail))

    def saved_by_others_since(self, target, editor, since):
        with self.lock:
            return any(
                p.outcome == "saved" and p.target == target and p.editor != editor
                for p in self.posts
                if p.start > since
            )


def classify(response, body_text):
    """(outcome, detail) of an admin change form's POST."""
    status = response.status
    if status == 302:
        if "/login/" in response.location:
            return "redirect", f"to {response.location}"
        return "saved", ""
    if status == 200:
        errors = form_errors(response.text)
        if any(CONFLICT in error for error in errors) or CONFLICT in response.text:
            kept = "text kept" if body_text in response.text else "text NOT kept"
            return "conflict", kept
        return "form error", " | ".join(errors)[:300] or "200 without errors"
    if status >= 500:
        return "5xx", ""
    return ("4xx" if status >= 400 else "other"), response.text[:200]


class Editor:
    def __init__(self, name, session, targets, ledger, rng, run_id):
        self.name = name
        self.session = session
        self.targets = targets
        self.ledger = ledger
        self.rng = rng
        self.run_id = run_id
        self.seq = 0
        self.open_forms = []  # (target, fields, opened) left open for a later, stale save

    def open(self, target):
        """The form fields of `target`'s change page and when they arrived, or None."""
        start = time.monotonic()
        try:
            page = self.session.get(target.path)
        except OSError as error:
            self.ledger.count_get(target, "no response", time.monotonic() - start, repr(error))
            return None
        self.ledger.count_get(target, page.status, time.monotonic() - start, page.text[:200])
        fields = parse_form(page.text, target.form_id) if page.status == 200 else None
        if fields is None:
            return None
        return fields, time.monotonic()

    def save(self, target, fields, opened, stale):
        self.seq += 1
        text = f"Soak {self.run_id} {self.name} #{self.seq}: offshoring note, {target.model}"
        text += f" {target.pk}"
        if not any(name == target.field for name, _ in fields):
            raise RuntimeError(f"{target.path} has no field {target.field!r}")
        data = [(n, text if n == target.field else v) for n, v in fields] + [("_save", "Save")]
        versioned = any(name == "version" for name, _ in fields)
        post = Post(self.name, target, text, stale, versioned, opened, time.monotonic())
        try:
            response = self.session.post(target.path, data)
        except OSError as error:
            post.end, post.outcome, post.detail = time.monotonic(), "no response", repr(error)
        else:
            post.end, post.status = time.monotonic(), response.status
            post.outcome, post.detail = classify(response, text)
        self.ledger.add_post(post)

    def take_stale_form(self):
        for entry in self.open_forms:
            target, _fields, opened = entry
            if self.ledger.saved_by_others_since(target, self.name, opened):
                self.open_forms.remove(entry)
                self.ledger.keep_open(self.name, [t for t, _f, _o in self.open_forms])
                return entry
        return None

    def step(self, stale_rate, open_rate):
        stale = self.take_stale_form() if self.rng.random() < stale_rate else None
        if stale is not None:
            self.save(*stale, stale=True)
        else:
            # Half the time, what another editor has open: as in a team, editors meet.
            elsewhere = self.ledger.open_elsewhere(self.name)
            use = elsewhere if elsewhere and self.rng.random() < 0.5 else self.targets
            target = self.rng.choice(use)
            opened = self.open(target)
            if opened is not None:
                self.save(target, *opened, stale=False)
        if self.rng.random() < open_rate:
            self.leave_open()

    def leave_open(self):
        """Open a random form and keep it for a stale save later (the oldest kept goes)."""
        target = self.rng.choice(self.targets)
        opened = self.open(target)
        if opened is not None:
            self.open_forms = [*self.open_forms[-(MAX_OPEN_FORMS - 1) :], (target, *opened)]
            self.ledger.keep_open(self.name, [t for t, _f, _o in self.open_forms])

    def run(self, deadline, stale_rate, open_rate=0.5):
        # Two tabs left open from the start, so stale saves need not wait for them.
        for _ in range(2):
            self.leave_open()
        while time.monotonic() < deadline:
            self.step(stale_rate, open_rate)
