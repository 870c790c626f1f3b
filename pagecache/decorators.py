"""`@public_page`: public GET views answered from a cache of whole responses.

A response is cached under its request (scheme, host, path, the query parameters the view
reads, normalised as it reads them, htmx headers), the content version
(`pagecache.version`, bumped by every content save), a fingerprint of the code and the settings
that shape responses (`pagecache.keys`), so an editor's save is on every page at once and a
deploy never serves pages rendered by the previous code or settings. Each cached response keeps
its ETag (a hash of its body as kept) and its body gzipped, once, when it is cached:

- a request whose If-None-Match matches gets a 304 without the view running;
- a hit costs one small query (the version) and, for a page this process served lately, no
  cache read (`entries.LocalPages`); it is gzipped or not as asked (Accept-Encoding,
  q-values included: `pagecache.negotiation`), and a response of its own, built anew from the
  cached parts (`entries.Page`);
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
from django.core.cache import cache
from django.utils.cache import (
    get_max_age,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import parse_etags
from zlib_ng import gzip_ng

from . import entries
from .keys import cache_key, for_shared_caches
from .negotiation import accepts_gzip

logger = logging.getLogger(__name__)

COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|atom\+xml|javascript)|image/svg)")


def public_page(view=None, *, sessionless=False, reads=None):
    """Cache and revalidate a public GET view; `sessionless` if it never depends on a session.

    `reads`: the query parameters the view reads, so that others share its cache entry: a
    collection of names (empty for none), or a function (see `keys.cache_key`). Left out, every
    parameter but the tracking ones is part of the key, which is always correct, only wasteful.
    """
    if view is None:
        return lambda view: public_page(view, sessionless=sessionless, reads=reads)
    if reads is not None and not callable(reads):
        reads = frozenset(reads)  # hashable: part of what a key is remembered by

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
    page = _cache_get(key) if key else None
    if page is None:
        response = view(request, *args, **kwargs)
        if not _cacheable(request, response):
            if not for_shared_caches(request):
                _unshared(response)
            return response
        page = _prepare(request, response, sessionless)
        if key:
            _cache_set(key, page)
    return _respond(request, page)


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


# The pages this process served last, as parts ready to answer with (`entries`), in front of
# the cache: a hit costs neither a round trip to Redis nor unpickling a response.
local_cache = entries.LocalPages(max_entries=300)


def _cache_get(key):
    if (page := local_cache.get(key)) is not None:
        return page
    try:
        page = cache.get(key)
    except Exception:  # an unreachable cache server must not take the site down
        logger.warning("page cache: read failed", exc_info=True)
        return None
    if page is not None:
        local_cache.set(key, page, _timeout())
    return page


def _cache_set(key, page):
    local_cache.set(key, page, _timeout())
    try:
        cache.set(key, page, _timeout())
    except Exception:
        logger.warning("page cache: write failed", exc_info=True)


def _timeout():
    # Always a lifetime, never None (for ever): entries of outdated content versions are never
    # asked for again and must leave on their own, in Redis too.
    return max(1, int(settings.PAGE_CACHE_SECONDS))


def _cacheable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page with a CSRF token (a form that posts) belongs to one visitor.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _prepare(request, response, sessionless):
    """The response with its cache headers and ETag, as cached (`entries.Page`).

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
    return entries.from_response(response, etag, compressed, len(content))


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


def _respond(request, page):
    gzipped = page.compressed and accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING"))
    if _etag_matches(request, page.etag):
        return entries.not_modified(page, len(page.body) if gzipped else page.length)
    return entries.ok(page, gzipped)


def _etag_matches(request, etag):
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    if header == etag:  # what a browser sends back: its copy's ETag, as it was given
        return True
    wanted = parse_etags(header)
    # Weak comparison, as If-None-Match asks (RFC 9110, 13.1.2).
    return "*" in wanted or etag.removeprefix("W/") in {e.removeprefix("W/") for e in wanted}


def _private(response):
    """An editor's response: never kept by a shared cache, always revalidated."""
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response
