"""Response headers Django has no setting for, and guards against requests nothing can answer."""

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http import HttpResponseBadRequest

# Browser features the site never uses, switched off for it and for anything it frames, so a
# script that slipped in could not ask for them. `interest-cohort` (FLoC) is left out: Chromium
# no longer knows it and logs an error for every page that names it; `browsing-topics` replaced it.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # setdefault: a view that needs a feature can send its own policy.
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class AdminNulGuardMiddleware:
    """Refuses NUL bytes in the admin's query strings and in its User-Agent with a 400.

    PostgreSQL cannot compare or store text containing NUL, so the admin's list filters, its
    autocomplete and django-axes (which records the User-Agent of failed sign-ins) would
    answer with a 500. Public pages treat such values as unknown filters and need no guard.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and _has_nul(request):
            raise SuspiciousOperation("NUL byte in an admin request")
        return self.get_response(request)


def _has_nul(request):
    if "\x00" in request.META.get("HTTP_USER_AGENT", ""):
        return True
    return any("\x00" in key or "\x00" in "".join(v) for key, v in request.GET.lists())


class QueryStringLimitMiddleware:
    """Answers a query string of more than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters with a 400.

    Django raises TooManyFieldsSent the first time anything reads request.GET, wherever that
    is; with DEBUG on, its error page then reads the query string again for every frame it
    shows and answers a 500 after many seconds. Parsed here first, the answer is a short 400 in
    every configuration, before any other middleware or view reads the parameters.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            len(request.GET)  # parsed now, and kept for everything after
        except (TooManyFieldsSent, RequestDataTooBig):
            return HttpResponseBadRequest(
                "Too many query parameters.\n", content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
