"""Another site's page around our embed snippet: a tiny host server on its own origin, and
waits for the embed's height messages. Used by the browser tests of embeds (fixtures
`host_site`, `third_site` and `height_page` in conftest.py).

Also the few helpers every browser test module reads a page with: the table's columns, a
filter's checkbox, htmx settled, and whether a click loaded a whole new page.
"""

import re
import struct
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

PATH = "/compare/outsourcing-vs-offshoring/"
TITLE = "Outsourcing vs. offshoring"
ALL = ["Outsourcing", "Offshoring", "Offshore outsourcing"]
SNIPPET_HEIGHT = 600  # the snippet's iframe height before the sizing script runs
HEIGHT_TYPE = "sourcing-explained:height"
CONTENT_HEIGHT = "() => document.documentElement.getBoundingClientRect().height"
NO_INNER_SCROLLBAR = "() => document.documentElement.scrollHeight <= window.innerHeight + 1"
# Runs first in every top-level page (the host pages): records each height message as it
# arrives, with the window that sent it, so a test can wait for a frame's next report.
HEIGHT_REPORTS = f"""(() => {{
  if (window !== window.top || window.__heightReports) return;
  window.__heightReports = [];
  window.addEventListener("message", (event) => {{
    if (!event.data || event.data.type !== "{HEIGHT_TYPE}") return;
    window.__heightReports.push({{source: event.source, height: event.data.height}});
  }});
}})();"""
REPORTS_FROM = """([selector, after]) => window.__heightReports.filter(
  (report) => report.source === document.querySelector(selector).contentWindow
).length > after"""


class HostSite:
    """Serves `pages` (path -> HTML) from its own origin: http://127.0.0.1:<free port>."""

    def __init__(self):
        self.pages = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                html = pages.get(urlsplit(self.path).path)
                body = (html or "Not found").encode()
                self.send_response(200 if html is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def add(self, path, body, title="A blog post"):
        self.pages[path] = (
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{title}</title></head>\n<body>\n{body}\n</body></html>\n"
        )
        return self.url + path

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def origin(url):
    parts = urlsplit(url)
    return (parts.scheme, parts.hostname, parts.port)


def read_snippet(page, live_starter, query=""):
    """What an embedder copies from the comparison page's "Embed this table" panel."""
    page.set_default_timeout(5_000)
    page.goto(live_starter.url + PATH + query)
    code = page.locator("textarea#embed-code")
    expect(code).to_have_attribute("readonly", "")
    return code.input_value()


def split_snippet(snippet):
    match = re.fullmatch(r"\s*(<iframe\b.*?</iframe>)\s*(<script\b.*?</script>)\s*", snippet, re.S)
    assert match, f"unexpected snippet shape: {snippet!r}"
    return match.group(1), match.group(2)


def article(*parts):
    """A plain page of another site: some prose around whatever was pasted."""
    return "\n".join(
        [
            "<h1>What we learned about sourcing</h1>",
            "<p>Here is the table everyone asks about.</p>",
            *parts,
            "<p>Thanks for reading.</p>",
        ]
    )


def embed_frame(page, selector):
    frame = page.locator(selector).element_handle().content_frame()
    assert frame is not None, f"{selector} has no frame"
    return frame


def iframe_height(page, selector):
    return page.locator(selector).evaluate("el => el.getBoundingClientRect().height")


def height_reports(page, selector):
    """How many height messages the host page has received from the frame of `selector`."""
    return page.evaluate(
        "selector => window.__heightReports.filter("
        "(report) => report.source === document.querySelector(selector).contentWindow).length",
        selector,
    )


def wait_for_height_report(page, selector, after=0, timeout=5_000):
    """Waits until the frame of `selector` has sent the host page more than `after` height
    messages (listeners on the host page have handled them by then)."""
    try:
        page.wait_for_function(REPORTS_FROM, arg=[selector, after], timeout=timeout)
    except PlaywrightTimeoutError:
        pytest.fail(f"{selector} sent no height message after its first {after} in {timeout} ms")


def wait_until_fitted(page, selector, not_height=None, timeout=5.0):
    """Waits until the iframe's height is its frame's content height (and not `not_height`).

    Returns (iframe height, content height). The host page can't see into the cross-origin frame,
    so this reads both sides through Playwright. While they differ, the frame's content height
    has changed since its last report (or it has not reported yet): the frame reports every
    change, and the sizing script applies a report as it arrives, so this waits for the frame's
    next height message and looks again.
    """
    if not_height is not None:
        try:
            page.wait_for_function(
                "([sel, h]) => document.querySelector(sel).offsetHeight !== h",
                arg=[selector, not_height],
                timeout=5_000,
            )
        except PlaywrightTimeoutError:
            pytest.fail(f"{selector} stayed {not_height}px tall for 5 s")
    frame = embed_frame(page, selector)
    deadline = time.monotonic() + timeout
    while True:
        # Counted first: a report that arrives while the heights are read ends the wait below.
        reports = height_reports(page, selector)
        outer, inner = iframe_height(page, selector), frame.evaluate(CONTENT_HEIGHT)
        if abs(outer - inner) <= 2 and outer != not_height:
            return outer, inner
        left_ms = (deadline - time.monotonic()) * 1000
        try:
            if left_ms < 1:
                raise PlaywrightTimeoutError("out of time")
            page.wait_for_function(REPORTS_FROM, arg=[selector, reports], timeout=left_ms)
        except PlaywrightTimeoutError:
            pytest.fail(
                f"{selector} is {outer}px tall but its content is {inner}px tall, and the frame"
                f" sent no new height in {timeout} s"
            )


def strategy_headers(frame_or_page):
    # One <th scope="col" id="col-<slug>"> per strategy; the first column header names the rows.
    return frame_or_page.locator("thead th[scope='col'][id^='col-']")


def expect_columns(scope, names):
    """The table's strategy columns are exactly `names`, in that order (each header also holds
    the strategy's one-line summary, so match the start of its text)."""
    expect(strategy_headers(scope)).to_have_text(
        [re.compile(rf"^{re.escape(name)}(?![a-z ])") for name in names]
    )


def checkbox(scope, label):
    # The label also carries a count, e.g. "The company's own staff (1)".
    return scope.get_by_role("checkbox", name=re.compile(rf"^{re.escape(label)} \(\d+\)$"))


class FullLoadWatcher:
    """Records full page loads: document requests, and loss of a marker set on `window`."""

    def __init__(self, page):
        self.page = page
        self.documents = []
        page.on(
            "request",
            lambda request: (
                self.documents.append(request.url)
                if request.resource_type == "document" and request.frame == page.main_frame
                else None
            ),
        )
        page.evaluate("() => { window.__marker = 1; }")

    def assert_no_full_load(self):
        assert self.documents == [], f"full page load(s): {self.documents}"
        assert self.page.evaluate("() => window.__marker") == 1, "the window was replaced"


def count_messages_with_height(page, height):
    """Counts, on the host page, height messages of a given value (proves they were delivered)."""
    page.evaluate(
        """height => {
            window.__seen = 0;
            window.addEventListener("message", (event) => {
                if (event.data && event.data.height === height) window.__seen += 1;
            });
        }""",
        height,
    )


def open_host_with_embed(page, live_starter, host_site, query="?location=abroad", extra=""):
    snippet = read_snippet(page, live_starter, query)
    url = host_site.add("/post/", article(snippet, extra))
    page.goto(url)
    return snippet


def open_menu(scope, name):
    """Opens the embed's compact filter menu whose button reads `name` (embed_filters.html),
    unless it is open already, and returns the menu."""
    summary = scope.locator("details.embed-menu > summary").filter(
        has_text=re.compile(rf"^{re.escape(name)}\b")
    )
    menu = summary.locator("xpath=..")
    if menu.get_attribute("open") is None:
        summary.click()
    expect(menu).to_have_attribute("open", "")
    return menu


def menu_checkbox(scope, menu, label):
    """An option's checkbox in the embed's compact filters, its menu opened first."""
    return checkbox(open_menu(scope, menu), label)


def png_pixels(data):
    """The pixels of a PNG screenshot as rows of (r, g, b) tuples: 8-bit RGB or RGBA, not
    interlaced, which is what Chromium writes. Enough to read a colour without a dependency."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, chunks, header = 8, [], None
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        offset += 12 + length
    width, height, depth, colour, _compression, _filter, interlace = header
    assert depth == 8 and colour in (2, 6) and not interlace, f"unexpected PNG {header}"
    size = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * size
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - size] if x >= size else 0
            up, corner = previous[x], previous[x - size] if x >= size else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                near = min(
                    (abs(estimate - left), left),
                    (abs(estimate - up), up),
                    (abs(estimate - corner), corner),
                    key=lambda pair: pair[0],
                )[1]
                line[x] = (line[x] + near) & 0xFF
        rows.append([tuple(line[x : x + 3]) for x in range(0, stride, size)])
        previous = line
    return rows


# htmx binds what it swapped in only once it settles (20 ms later). A person is never that
# quick; a test that acts on new content at once waits for this first.
HTMX_SETTLED = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
