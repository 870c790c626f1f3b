"""`@public_page`: public GET views answered from a cache of whole responses.

A response is cached under its request (scheme, host, path, the query parameters the view
reads, normalised as it reads them, htmx headers), the content version
(`pagecache.version`, bumped by every content save), a fingerprint of the code and the settings
that shape responses (`pagecache.keys`), so an editor's save is on every page at once and a
deploy never serves pages rendered by the previous code or settings. Each cached response keeps
its ETag (a hash of its body as kept) and its body gzipped, once, when it is cached:

- a request whose If-None-Match matches gets a 304 without the view running;
- a hit costs one small query (the version) and one cache read, gzipped or not as asked
  (Accept-Encoding, q-values included: `pagecache.negotiation`);
- responses say `Cache-Control: public, max-age=0, s-maxage=CDN_MAX_AGE` (a CDN may keep them
  briefly, browsers revalidate), unless the view chose a max-age (embeds). htmx fragments are
  `private`: a CDN that ignored `Vary: HX-Request` would serve one as the page.

A request carrying a session cookie (an editor, who may see drafts) skips all of it and gets
`Cache-Control: private, no-cache`; views marked `sessionless` (embeds, exports: public
artefacts that never show drafts) are cached for everyone, and drop the session and CSRF
cookies unread, so no response of theirs sets a cookie or varies on one.
"""

import hashlib
import logging
import re
from functools import wraps

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
from zlib_ng import gzip_ng

from .keys import cache_key, for_shared_caches
from .negotiation import accepts_gzip

logger = logging.getLogger(__name__)

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


def public_page(view=None, *, sessionless=False, reads=None):
    """Cache and revalidate a public GET view; `sessionless` if it never depends on a session.

    `reads`: the query parameters the view reads, so that others share its cache entry: a
    collection of names (empty for none), or a function (see `keys.cache_key`). Left out, every
    parameter but the tracking ones is part of the key, which is always correct, only wasteful.
    """
    if view is None:
        return lambda view: public_page(view, sessionless=sessionless, reads=reads)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if sessionless:
            _forget_visitor(request)
        elif settings.SESSION_COOKIE_NAME in request.COOKIES:
            return _private(view(request, *args, **kwargs))
        response = _cached_response(request, view, args, kwargs, sessionless, reads)
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            # The CSRF middleware is about to set this visitor's cookie (a new one in place of
            # a malformed one, or for a token the view used): no shared cache may keep that.
            _unshared(response)
            return _private(response)
        return response

    return wrapper


def _cached_response(request, view, args, kwargs, sessionless, reads):
    key = cache_key(request, reads, kwargs) if settings.PAGE_CACHE_SECONDS > 0 else None
    entry = _cache_get(key) if key else None
    if entry is None:
        response = view(request, *args, **kwargs)
        if not _cacheable(request, response):
            if not for_shared_caches(request):
                _unshared(response)
            return response
        entry = _prepare(request, response, sessionless)
        if key:
            _cache_set(key, entry)
    return _respond(request, entry)


def _forget_visitor(request):
    """Drops the cookies a sessionless view never reads, before anything answers them.

    A stale or forged session cookie would make the session middleware delete it, and a
    malformed CSRF cookie would make the CSRF middleware replace it: either adds Set-Cookie and
    Vary: Cookie to a public response, cache hits included. The CSRF middleware has read its
    cookie already (process_request), so what it kept of it goes too.
    """
    request.COOKIES.pop(settings.SESSION_COOKIE_NAME, None)
    request.COOKIES.pop(settings.CSRF_COOKIE_NAME, None)
    request.META.pop("CSRF_COOKIE", None)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False


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
        local_cache.set(key, entry, max(1, int(settings.PAGE_CACHE_SECONDS)))
    return entry


def _cache_set(key, entry):
    # Always a lifetime, never None (for ever): entries of outdated content versions are never
    # asked for again and must leave on their own, in Redis too.
    timeout = max(1, int(settings.PAGE_CACHE_SECONDS))
    if _layered():
        local_cache.set(key, entry, timeout)
    try:
        cache.set(key, entry, timeout)
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


def _prepare(request, response, sessionless):
    """(ETag, response with its cache headers, whether its body is gzipped, its length
    ungzipped), as cached.

    The body is kept gzipped when that makes it smaller: a fifth of the memory, compressed
    once, and sent as it is to the browsers (all of them) that accept gzip.
    """
    if not getattr(response, "is_rendered", True):
        response.render()  # a TemplateResponse (the sitemap)
    content = response.content
    _cache_control(request, response)
    vary = [] if sessionless else ["Cookie"]
    if has_vary_header(response, "HX-Request"):
        vary += ["HX-History-Restore-Request", "HX-Trigger"]
    compressed = False
    if len(content) >= 200 and COMPRESSIBLE.match(response.get("Content-Type", "")):
        # zlib-ng: the same format, in half the time of the standard library's zlib (0.2 ms
        # against 0.46 for the starter page, 0.7 against 1.46 for 40 x 30), no bigger.
        body = gzip_ng.compress(content, compresslevel=6, mtime=0)
        if len(body) < len(content):
            response.content = body
            compressed = True
            vary.append("Accept-Encoding")
    # Hashed as kept: gzip without a timestamp gives the same bytes for the same body, and a
    # compressed body is a twentieth of the work for a large table.
    etag = f'W/"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    response["ETag"] = etag
    patch_vary_headers(response, vary)
    return etag, response, compressed, len(content)


def _cache_control(request, response):
    if not for_shared_caches(request):
        # An htmx fragment: the browser may keep it, a CDN never (see keys.for_shared_caches).
        _unshared(response)
    elif get_max_age(response) is None:
        # Browsers ask again every time (a 304 is cheap); a CDN may keep it briefly.
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.CDN_MAX_AGE)
    else:
        # The view chose how long everyone may keep it (embeds, scripts): left as it is.
        patch_cache_control(response, public=True)


def _unshared(response):
    """Marks a response private, keeping the view's max-age (else 0) and other directives."""
    directives = [d.strip() for d in response.get("Cache-Control", "").split(",")]
    shared_only = ("public", "s-maxage")
    response["Cache-Control"] = ", ".join(
        d for d in directives if d and not d.lower().startswith(shared_only)
    )
    if get_max_age(response) is None:
        patch_cache_control(response, max_age=0)
    patch_cache_control(response, private=True)


def _respond(request, entry):
    etag, response, compressed, length = entry
    gzipped = compressed and accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING"))
    if _etag_matches(request, etag):
        # A 304 may only state the length the 200 would have had (RFC 9110, 8.6).
        return _not_modified(response, len(response.content) if gzipped else length)
    if gzipped:
        response["Content-Encoding"] = "gzip"
    elif compressed:
        response.content = gzip_ng.decompress(response.content)
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
