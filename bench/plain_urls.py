"""URLconf of bench/render.py: bench/hello_urls.py's, plus the plain table served as a page.

`/bench-plain/<size>/` answers floor (b)'s table (bench/render.py's PLAIN_TABLE, its strings
precomputed) through everything a cold page of the site goes through: the same client,
middleware and page cache (`public_page`: key, gzip, storing). Measured cold, it is the least a
cold page showing that table can cost here, for information beside the targets, which compare
with the template alone.
"""

from django.http import HttpResponse
from django.urls import path

from bench.hello_urls import handler400, handler403, handler404, handler500  # noqa: F401
from bench.hello_urls import urlpatterns as hello_urlpatterns
from pagecache.decorators import public_page

PLAIN_TABLES = {}  # size -> (template, context), filled by bench/render.py before it measures


@public_page(reads=())
def plain_table(request, size):
    template, context = PLAIN_TABLES[size]
    return HttpResponse(template.render(context))


urlpatterns = [path("bench-plain/<str:size>/", plain_table), *hello_urlpatterns]
