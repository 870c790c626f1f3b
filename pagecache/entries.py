"""A cached page as immutable parts, and the new response each request gets from them.

What is cached (in the cache and in each process's own layer, `LocalPages`) is never a
response: every hit builds a new HttpResponse, so no two requests share a mutable object (the
middleware sets headers on the way out, a body is decompressed for a client without gzip).
Nor is a whole HttpResponse pickled and unpickled: the parts are a few strings and the body.
"""

import copy
import threading
import time
from collections import OrderedDict
from typing import NamedTuple

from django.http import HttpResponse, HttpResponseNotModified
from zlib_ng import gzip_ng

from . import keys

# What a 304 repeats from the response it stands for (RFC 9110, 15.4.5), CORS included.
NOT_MODIFIED_HEADERS = (
    "Cache-Control",
    "Content-Location",
    "ETag",
    "Expires",
    "Last-Modified",
    "Vary",
    "Access-Control-Allow-Origin",
)
# Read by the security middleware when the response passes: an embed's framing rules. A 304
# must carry the same headers, or the browser would update its copy with the site's defaults.
RESPONSE_ATTRIBUTES = (
    "_csp_config",
    "_csp_exempt",
    "_csp_replace",
    "_csp_update",
    "xframe_options_exempt",
)


class Page(NamedTuple):
    """A 200 response as the view left it, its cache headers and ETag added."""

    etag: str
    headers: tuple  # (name, value) pairs
    not_modified_headers: tuple  # those of them a 304 repeats
    body: bytes  # gzipped if `compressed`
    compressed: bool
    length: int  # of the body ungzipped
    attributes: tuple  # (name, value) pairs of RESPONSE_ATTRIBUTES the response has


def from_response(response, etag, compressed, length):
    headers = tuple(response.headers.items())
    repeated = {name.lower() for name in NOT_MODIFIED_HEADERS}
    return Page(
        etag=etag,
        headers=headers,
        not_modified_headers=tuple((n, v) for n, v in headers if n.lower() in repeated),
        body=response.content,
        compressed=compressed,
        length=length,
        attributes=tuple(
            (name, getattr(response, name))
            for name in RESPONSE_ATTRIBUTES
            if hasattr(response, name)
        ),
    )


def ok(page, gzipped):
    """The 200 response, its body gzipped or not as the client accepts."""
    headers = dict(page.headers)
    if gzipped:
        headers["Content-Encoding"] = "gzip"
        body = page.body
    else:
        body = gzip_ng.decompress(page.body) if page.compressed else page.body
    return _with_attributes(HttpResponse(body, headers=headers), page)


def not_modified(page, length):
    """The 304 that stands for the 200: it may only state the length the 200 would have had
    (RFC 9110, 8.6)."""
    response = HttpResponseNotModified(headers=dict(page.not_modified_headers))
    response["Content-Length"] = str(length)
    return _with_attributes(response, page)


def _with_attributes(response, page):
    for name, value in page.attributes:
        # A copy each: the values are dicts and lists the middleware could change.
        setattr(response, name, copy.deepcopy(value))
    return response


class LocalPages:
    """The pages this process served last, at most `max_entries`, each for its timeout; the
    least recently used leaves first when another comes.

    In front of the cache (Redis, or the local-memory one), it answers a hit without a round
    trip or unpickling. Safe because a key names one content version: an entry never goes
    stale, it only stops being asked for.
    """

    def __init__(self, max_entries):
        self.max_entries = max_entries
        self._entries = OrderedDict()  # key: (page, monotonic expiry)
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[1] <= time.monotonic():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def set(self, key, page, timeout):
        with self._lock:
            self._entries[key] = (page, time.monotonic() + timeout)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def ttl(self, key):
        """Seconds `key` has left, or None if it is not here."""
        entry = self._entries.get(key)
        return None if entry is None else entry[1] - time.monotonic()

    def keys(self):
        return list(self._entries)

    def clear(self):
        """Forgets every page, and the keys computed for requests (`keys.forget_requests`):
        all this process keeps of the page cache."""
        with self._lock:
            self._entries.clear()
        keys.forget_requests()
