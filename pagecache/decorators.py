"""`@public_page`: public GET views answered from a cache of whole responses.

A response is cached under its request (scheme, host, path, query string with parameters
sorted by name, htmx headers), the content version (`pagecache.version`, bumped by every
content save) and a fingerprint of the code, so an editor's save is on every page at once and a
deploy never serves pages rendered by the previous code. Each cached response keeps its ETag
(a hash of its body) and its body gzipped, once, when it is cached:

- a request whose If-None-Match matches gets a 304 without the view running;
- a hit costs one small query (the version) and one cache read, gzipped or not as asked;
- responses say `Cache-Control: public, max-age=0, s-maxage=CDN_MAX_AGE` (a CDN may keep them
  briefly, browsers revalidate), unless the view chose a max-age (embeds).

A request carrying a session cookie (an editor, who may see drafts) skips all of it and gets
`Cache-Control: private, no-cache`; views marked `sessionless` (embeds, exports: public
artefacts that never show drafts) are cached for everyone.
"""

import gzip
import hashlib
import logging
import re
from functools import cache as once
from functools import wraps
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponseNotModified
from django.utils.cache import (
    get_max_age,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import parse_etags

from . import version

logger = logging.getLogger(__name__)

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|atom\+xml|javascript)|image/svg)")
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
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".css", ".js", ".svg", ".toml", ".md"}


def public_page(view=None, *, sessionless=False):
    """Cache and revalidate a public GET view; `sessionless` if it never depends on a session."""
    if view is None:
        return lambda view: public_page(view, sessionless=sessionless)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if sessionless:
            # A stale or forged session cookie would make the session middleware delete it,
            # adding Set-Cookie and Vary: Cookie to a public page, cache hits included. These
            # views never read a session: drop the cookie unread.
            request.COOKIES.pop(settings.SESSION_COOKIE_NAME, None)
        elif settings.SESSION_COOKIE_NAME in request.COOKIES:
            return _private(view(request, *args, **kwargs))
        key = cache_key(request) if settings.PAGE_CACHE_SECONDS > 0 else None
        entry = _cache_get(key) if key else None
        if entry is None:
            response = view(request, *args, **kwargs)
            if not _cacheable(request, response):
                return response
            entry = _prepare(response, sessionless)
            if key:
                _cache_set(key, entry)
        return _respond(request, entry)

    return wrapper


def cache_key(request):
    """The key of a request's cached response: everything the response depends on."""
    parts = [
        code_fingerprint(),
        str(version.current()),
        request.scheme,
        request.get_host(),
        request.path,
        # Sorted by name: ?b=1&a=2 and ?a=2&b=1 are one page. A name's values keep their order.
        repr(sorted(request.GET.lists())),
        request.headers.get("HX-Request", ""),
        # htmx's history restore asks with HX-Request too, and gets the whole page.
        request.headers.get("HX-History-Restore-Request", ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
    return "page:" + digest


@once
def code_fingerprint():
    """A hash of the project's code, templates and static files, read once per process."""
    roots = {Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])}
    roots |= {Path(d) for d in getattr(settings, "STATICFILES_DIRS", [])}
    # The project's own apps (top-level folders), not those installed in a virtualenv inside it.
    base = Path(settings.BASE_DIR).resolve()
    roots |= {
        Path(app.path) for app in apps.get_app_configs() if Path(app.path).resolve().parent == base
    }
    urlconf = import_module(settings.ROOT_URLCONF.split(".")[0])
    roots.add(Path(urlconf.__file__).parent)
    digest = hashlib.sha256()
    for root in sorted(roots):
        for path in sorted(root.rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


# In front of a shared cache (Redis), each process keeps the pages it served last: a hit then
# costs no round trip. Safe because a key names one content version: an entry never goes stale,
# it only stops being asked for.
local_cache = LocMemCache("pagecache-local", {"OPTIONS": {"MAX_ENTRIES": 300}})


def _layered():
    return not isinstance(caches[DEFAULT_CACHE_ALIAS], LocMemCache)


def _cache_get(key):
    layered = _layered()
    if layered and (entry := local_cache.get(key)) is not None:
        return entry
    try:
        entry = cache.get(key)
    except Exception:  # an unreachable cache server must not take the site down
        logger.warning("page cache: read failed", exc_info=True)
        return None
    if layered and entry is not None:
        local_cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
    return entry


def _cache_set(key, entry):
    if _layered():
        local_cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
    try:
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("page cache: write failed", exc_info=True)


def _cacheable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page with a CSRF token (a form that posts) belongs to one visitor.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _prepare(response, sessionless):
    """(ETag, response with its public headers, whether its body is gzipped, its length
    ungzipped), as cached.

    The body is kept gzipped when that makes it smaller: a fifth of the memory, compressed
    once, and sent as it is to the browsers (all of them) that accept gzip.
    """
    if not getattr(response, "is_rendered", True):
        response.render()  # a TemplateResponse (the sitemap)
    content = response.content
    etag = f'W/"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
    response["ETag"] = etag
    if get_max_age(response) is None:
        # Browsers ask again every time (a 304 is cheap); a CDN may keep it briefly.
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.CDN_MAX_AGE)
    else:
        # The view chose how long everyone may keep it (embeds, scripts): left as it is.
        patch_cache_control(response, public=True)
    vary = [] if sessionless else ["Cookie"]
    if has_vary_header(response, "HX-Request"):
        vary.append("HX-History-Restore-Request")
    compressed = False
    if len(content) >= 200 and COMPRESSIBLE.match(response.get("Content-Type", "")):
        body = gzip.compress(content, compresslevel=6, mtime=0)
        if len(body) < len(content):
            response.content = body
            compressed = True
            vary.append("Accept-Encoding")
    patch_vary_headers(response, vary)
    return etag, response, compressed, len(content)


def _respond(request, entry):
    etag, response, compressed, length = entry
    gzipped = compressed and ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    if _etag_matches(request, etag):
        # A 304 may only state the length the 200 would have had (RFC 9110, 8.6).
        return _not_modified(response, len(response.content) if gzipped else length)
    if gzipped:
        response["Content-Encoding"] = "gzip"
    elif compressed:
        response.content = gzip.decompress(response.content)
    return response


def _etag_matches(request, etag):
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    wanted = parse_etags(header)
    # Weak comparison, as If-None-Match asks (RFC 9110, 13.1.2).
    return "*" in wanted or etag.removeprefix("W/") in {e.removeprefix("W/") for e in wanted}


def _not_modified(response, length):
    not_modified = HttpResponseNotModified()
    not_modified["Content-Length"] = str(length)
    for header in NOT_MODIFIED_HEADERS:
        if header in response:
            not_modified[header] = response[header]
    for attribute in RESPONSE_ATTRIBUTES:
        if hasattr(response, attribute):
            setattr(not_modified, attribute, getattr(response, attribute))
    return not_modified


def _private(response):
    """An editor's response: never kept by a shared cache, always revalidated."""
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response
