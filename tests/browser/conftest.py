"""Browser tests: Playwright's sync API driving Debian's Chromium against live_server."""

import contextlib
import os
import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Error, sync_playwright

from tests.browser.axe import AXE_JS, AXE_RUN, AXE_TAGS
from tests.browser.hosting import HEIGHT_REPORTS, HostSite, origin
from tests.starter_snapshot import load_starter

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# Runs first in every frame of a watched context (cross-origin embeds included), whatever the
# page's own CSP, and hands each violation to Python; window.__cspViolations keeps them too,
# for a test that wants to look.
CSP_LISTENER = """(() => {
  // On window, once: a frame's first document (about:blank) hands its window over to the
  // same-origin page that replaces it, and a listener on the old document would hear nothing.
  if (window.__cspViolations) return;
  window.__cspViolations = [];
  window.__cspReports = [];  // the binding's promises: settled once Python has the report
  window.addEventListener('securitypolicyviolation', (e) => {
    const v = {directive: e.effectiveDirective, blocked: e.blockedURI, document: e.documentURI,
               source: e.sourceFile + ':' + e.lineNumber, sample: e.sample};
    window.__cspViolations.push(v);
    if (window.__reportCspViolation) window.__cspReports.push(window.__reportCspViolation(v));
  });
})();"""
# Violation events are dispatched in a task of their own, and the binding delivers them
# asynchronously: wait for one more task, then for every report to reach Python.
CSP_FLUSH = """async () => {
  await new Promise((resolve) => setTimeout(resolve));
  await Promise.all(window.__cspReports || []);
}"""
CSP_CONSOLE = re.compile(r"Content[- ]Security[- ]Policy", re.IGNORECASE)
# The site's pages refusing to be framed by another site is the policy working (the test
# that checks it frames them on purpose). Chromium logs that in the framing page and names only
# the refused origin, so these lines are not counted; an embed refused by mistake would fail
# the embed tests, which look for its content.
FRAMING_REFUSED = re.compile(r"^Framing '[^']*' violates .*frame-ancestors")


class CSPMonitor:
    """Collects CSP violations from every context it watches: events from scripts (JS on) and
    Chromium's console reports (also with JS off)."""

    def __init__(self):
        self.violations = []
        # Each open context, and whether it runs JavaScript: without it there are no events
        # to wait for, and the timer the wait needs would never fire.
        self.contexts = {}

    def watch(self, context, javascript=True):
        context.add_init_script(CSP_LISTENER)
        context.expose_binding(
            "__reportCspViolation",
            lambda source, v: self.violations.append(f"{source['frame'].url}: {v}"),
        )
        context.on("console", self._console)
        context.on("close", lambda context: self.contexts.pop(context, None))
        self.contexts[context] = javascript
        return context

    def _console(self, message):
        text = message.text
        if CSP_CONSOLE.search(text) and not FRAMING_REFUSED.search(text):
            where = message.location["url"] or (message.page.url if message.page else "")
            self.violations.append(f"{where}: console {message.type}: {text}")

    def collect(self):
        """Every violation so far, including those still on their way from open frames."""
        for context in [context for context, javascript in self.contexts.items() if javascript]:
            # A lazy frame never shown (the embed preview, closed) has no document yet: there
            # is nothing to flush, and evaluating in it would wait for ever.
            frames = [frame for page in context.pages for frame in page.frames]
            for frame in [f for f in frames if f.url not in ("", "about:blank")]:
                # Closed or navigating meanwhile: then nothing is left to deliver.
                with contextlib.suppress(Error):
                    frame.evaluate(CSP_FLUSH)
        return list(self.violations)

    def clear(self):
        self.violations.clear()


class WatchedBrowser:
    """The browser, with every context it opens (new_context or new_page) watched for CSP
    violations. Everything else goes straight to Playwright's Browser."""

    def __init__(self, browser):
        self._browser = browser
        self.csp = CSPMonitor()

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_context(self, **kwargs):
        javascript = kwargs.get("java_script_enabled", True)
        return self.csp.watch(self._browser.new_context(**kwargs), javascript)

    def new_page(self, **kwargs):
        # Playwright's own new_page makes a context too; this one is closed after the test.
        return self.new_context(**kwargs).new_page()


@pytest.fixture(scope="package", autouse=True)
def allow_orm_beside_playwright():
    """While Playwright's sync API is alive, this thread has an event loop marked running
    between its calls, and Django refuses ORM calls in it (SynchronousOnlyOperation) unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set. The variable is set for this package only: before
    `browser` starts (this fixture is autouse, and `browser` asks for it) and restored once
    `browser` has stopped, so the rest of the suite runs without it. Whatever touches the
    database while Playwright runs (test bodies, live_starter, transactional_db's flush, a
    session fixture first asked for by a later test) does so inside this package; session
    teardown (live server, test database) comes after Playwright has stopped."""
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    yield
    if previous is None:
        os.environ.pop(ASYNC_UNSAFE, None)
    else:
        os.environ[ASYNC_UNSAFE] = previous


# Package scope, like the variable above: Playwright must stop before the tests of other
# packages run, or they would find the loop still marked running in this thread.
@pytest.fixture(scope="package")
def browser(allow_orm_beside_playwright):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield WatchedBrowser(browser)
        browser.close()


@pytest.fixture
def csp_violations(browser):
    """The CSP monitor of this test: `.collect()` lists violations so far, `.clear()` forgets
    them (for a test that causes one on purpose)."""
    return browser.csp


@pytest.fixture(autouse=True)
def no_csp_violations(csp_violations):
    """Every browser test fails on any CSP violation, in any frame of any page it opened."""
    csp_violations.clear()
    yield
    found = csp_violations.collect()
    for context in list(csp_violations.contexts):
        context.close()
    csp_violations.clear()
    if found:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(found), pytrace=False)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    browser.csp.collect()  # while the context is open, so late reports still arrive
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    browser.csp.collect()
    context.close()


@pytest.fixture
def live_starter(transactional_db, live_server):
    """Starter content committed where the live server's own connection can see it."""
    load_starter()
    return live_server


@pytest.fixture
def height_page(page):
    """`page`, recording the height messages its host pages receive."""
    page.add_init_script(HEIGHT_REPORTS)
    return page


@pytest.fixture
def host_site(live_starter):
    site = HostSite()
    assert origin(site.url) != origin(live_starter.url)
    yield site
    site.close()


@pytest.fixture
def third_site(live_starter, host_site):
    site = HostSite()
    assert origin(site.url) not in (origin(live_starter.url), origin(host_site.url))
    yield site
    site.close()


EDITOR_PASSWORD = "a-long-test-password"


@pytest.fixture
def editor(django_user_model):
    """A member of the Editors group (staff, not a superuser): who edits content."""
    user = django_user_model.objects.create_user("writer", password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def sign_in(editor):
    """sign_in(page, base_url): the editor signs in through the admin's own form."""

    def sign_in(page, base_url):
        page.goto(base_url + "/admin/login/")
        page.get_by_label("Username").fill(editor.username)
        page.get_by_label("Password").fill(EDITOR_PASSWORD)
        page.get_by_role("button", name="Log in").click()

    return sign_in


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `make test` (or `npm ci`), which installs axe-core")
    return AXE_JS.read_text()


@pytest.fixture
def axe(axe_source):
    """`axe(page)` injects axe-core into the page (once) and returns its violations."""

    def run(page, tags=AXE_TAGS):
        if page.evaluate("() => typeof window.axe") != "object":
            page.evaluate(axe_source)
        return page.evaluate(AXE_RUN, tags)

    return run
