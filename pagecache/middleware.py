from functools import cache

from django.middleware.gzip import GZipMiddleware
from django.urls import reverse


@cache
def _admin_prefix():
    return reverse("admin:index")


class PublicGZipMiddleware(GZipMiddleware):
    """Django's gzip, for public responses only.

    Never the admin, nor a response that sets a cookie: their pages carry CSRF tokens and
    session state, and compressing a secret next to text an attacker can inject leaks it
    (BREACH). Cached public pages arrive already gzipped (`pagecache.decorators`) and pass.
    """

    def process_response(self, request, response):
        if request.path.startswith(_admin_prefix()) or response.cookies:
            return response
        return super().process_response(request, response)
