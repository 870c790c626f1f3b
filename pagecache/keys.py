"""What a cached response depends on, and so the key it is cached under.

Everything a public view's response depends on is in its key: the request (scheme, host,
path, the query string without tracking parameters, the htmx headers the templates read), the
content version, a fingerprint of the code and the settings that shape responses. Anything
left out would let one request's response be served to another that should differ.
"""

import hashlib
import threading
from functools import cache as once
from importlib import import_module
from pathlib import Path
from urllib.parse import unquote

from django.apps import apps
from django.conf import settings

from . import version

# Added to links by ad networks, newsletters and analytics; no view reads them, so they are left
# out of the key and ?fbclid=1, ?fbclid=2... are one entry, not one each. Names with these
# prefixes are reserved: no filter may take them (comparisons.parameters).
TRACKING_PARAMETERS = frozenset(
    {
        "dclid",
        "fbclid",
        "gbraid",
        "gclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "msclkid",
        "ttclid",
        "twclid",
        "wbraid",
        "yclid",
    }
)
TRACKING_PREFIXES = ("utm_", "_")
# Settings that shape responses (headers and text) read by views and by the page cache.
# A changed value must show at once, not when the entries made before it expire (Redis keeps
# them across restarts). PAGE_CACHE_KEY_SETTINGS names the project's own.
RESPONSE_SETTINGS = ("CDN_MAX_AGE",)
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".css", ".js", ".svg", ".toml", ".md"}
# Keys computed already, by what each was computed from as the request carries it (`_raw`):
# a hit then skips the host check, the view's reading of its query string and the hash.
KNOWN_KEYS = 2000
_known = {}
_known_lock = threading.Lock()


def cache_key(request, reads=None, view_kwargs=None):
    """The key of a request's cached response: everything the response depends on.

    `reads` says which of the query string the view reads (`public_page`): None for every
    parameter but the tracking ones, a collection of names, or a function of
    (request, content version, the view's keyword arguments) giving the query as the view
    parses it, normalised. Parameters the view never reads (?asdf=1) then share its entry.
    The function must read nothing of the request but its query string: its answer is
    remembered for that query string, content version and keyword arguments.
    """
    content_version = version.current()
    view_kwargs = view_kwargs or {}
    raw = _raw(request, reads, view_kwargs, content_version)
    try:
        key = _known.get(raw)
    except TypeError:  # an argument that cannot be hashed: computed every time
        raw = key = None
    if key is None:
        key = _compute(request, reads, view_kwargs, content_version)
        if raw is not None:
            _remember(raw, key)
    return key


def _raw(request, reads, view_kwargs, content_version):
    """What the key is computed from, as the request carries it: unparsed but for htmx's flags.

    The host is there as request.get_host() reads it (which of these it uses depends on the
    settings, and a changed setting empties `_known`), so a key is only ever found again for
    a host that get_host() accepted: a refused one is refused again (DisallowedHost, a 400).
    """
    meta = request.META
    return (
        content_version,
        request.scheme,
        meta.get("HTTP_X_FORWARDED_HOST"),
        meta.get("HTTP_HOST"),
        meta.get("SERVER_NAME"),
        meta.get("SERVER_PORT"),
        meta.get("HTTP_X_FORWARDED_PORT"),
        request.path,
        request.encoding,
        meta.get("QUERY_STRING", ""),
        htmx_flags(request),
        reads,
        tuple(view_kwargs.items()),
    )


def _compute(request, reads, view_kwargs, content_version):
    parts = [
        code_fingerprint(),
        settings_fingerprint(),
        str(content_version),
        request.scheme,
        request.get_host(),  # DisallowedHost for a host ALLOWED_HOSTS refuses
        request.path,
        repr(_query(request, reads, content_version, view_kwargs)),
        # What the templates read of htmx's headers, as they read it (django-htmx): a fragment,
        # a history restore (the whole page), and whether a trigger is named (autofocus).
        repr(htmx_flags(request)),
    ]
    digest = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
    return "page:" + digest


def _remember(raw, key):
    # Bounded, as the requests choose what is in it: the oldest leave first. (A content version
    # is in every entry, so those of past versions are the first to go.)
    with _known_lock:
        _known[raw] = key
        while len(_known) > KNOWN_KEYS:
            del _known[next(iter(_known))]


def forget_requests():
    """Forget the keys computed so far: the next request of each computes its key again."""
    with _known_lock:
        _known.clear()


def _query(request, reads, content_version, view_kwargs):
    if callable(reads):
        return reads(request, content_version, **view_kwargs)
    # Sorted by name: ?b=1&a=2 and ?a=2&b=1 are one page. A name's values keep their order.
    return sorted(
        (name, values)
        for name, values in request.GET.lists()
        if (not is_tracking(name) if reads is None else name in reads)
    )


def is_tracking(name):
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def htmx_flags(request):
    """(htmx request, history restore, trigger named), as django-htmx and the templates see them."""
    return (
        _htmx_header(request, "HX-Request") == "true",
        _htmx_header(request, "HX-History-Restore-Request") == "true",
        bool(_htmx_header(request, "HX-Trigger")),
    )


def _htmx_header(request, name):
    """A header as django-htmx reads it: None if empty, URI-decoded if htmx encoded it.

    Read from META, not `request.headers`, which parses every header on first use: a cost a
    cache hit would pay for three of them."""
    key = "HTTP_" + name.upper().replace("-", "_")
    value = request.META.get(key) or None
    if value and request.META.get(key + "_URI_AUTOENCODED") == "true":
        value = unquote(value)
    return value


def for_shared_caches(request):
    """Whether a CDN may keep the response to this request under its URL.

    Not an htmx fragment: a CDN that ignores `Vary: HX-Request` would serve it as the page.
    Nor a response shaped by HX-Trigger (autofocus), which such a CDN would serve to everyone.
    The whole page that htmx's history restore asks for is the page itself.
    """
    htmx, restore, trigger = htmx_flags(request)
    return not (htmx and not restore) and not trigger


@once
def settings_fingerprint():
    """The values of the settings that shape responses, read once and again whenever a setting
    changes (tests override them: `forget_settings`)."""
    names = (*RESPONSE_SETTINGS, *getattr(settings, "PAGE_CACHE_KEY_SETTINGS", ()))
    values = repr([(name, getattr(settings, name, None)) for name in names])
    return hashlib.sha256(values.encode()).hexdigest()[:16]


def forget_settings(**_signal):
    """A setting changed (`setting_changed`, sent by override_settings): fingerprint again, and
    compute every key again (the host check, the URLconf, what views read may have changed)."""
    settings_fingerprint.cache_clear()
    forget_requests()


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
