"""URLconf of the load bench only: the whole site plus a minimal reference view.

`/bench-hello/` answers a fixed short body through the same middleware, server and settings as
the site: "as fast as Django can say hello". It is never mounted by config.urls.
"""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("Hello")


urlpatterns = [path("bench-hello/", hello), *site_urlpatterns]
