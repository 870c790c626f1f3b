from functools import cache

from django.middleware.gzip import GZipMiddleware
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from .negotiation import accepts_gzip


@cache
def _admin_prefix():
    return reverse("admin:index")


class PublicGZipMiddleware(GZipMiddleware):
    """Django's gzip, for public responses only, and only for clients that accept it.

    Never the admin, nor a response that sets a cookie: their pages carry CSRF tokens and
    session state, and compressing a secret next to text an attacker can inject leaks it
    (BREACH). Cached public pages arrive already gzipped (`pagecache.decorators`) and pass.
    Django's own test finds the word "gzip" in Accept-Encoding, `gzip;q=0` (never gzip)
    included; this one reads q-values (`pagecache.negotiation`).
    """

    def process_response(self, request, response):
        if request.path.startswith(_admin_prefix()) or response.cookies:
            return response
        if not accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING")):
            if _compressible(response):
                # What Django adds whether or not it compresses: the answer depends on it.
                patch_vary_headers(response, ("Accept-Encoding",))
            return response
        return super().process_response(request, response)


def _compressible(response):
    if response.has_header("Content-Encoding"):
        return False
    return response.streaming or len(response.content) >= 200
