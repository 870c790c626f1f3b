"""What the comparison views read of a query string: the page cache's key for them.

Filters are named by dimension slugs (unique across comparisons), so the names a comparison
view reads are the reserved ones and every dimension's slug. The slugs are read once per
content version (a new dimension is a new version), so a cache hit costs no extra query.
"""

from functools import lru_cache

from pagecache.keys import is_tracking

from .filters import read_query
from .models import Dimension
from .parameters import RESERVED


@lru_cache(maxsize=1)
def dimension_slugs(content_version):
    return frozenset(Dimension.objects.values_list("slug", flat=True))


def read_comparison_query(request, content_version, **_view_kwargs):
    names = {name for name in request.GET if name not in RESERVED and not is_tracking(name)}
    # Only a name that may be a filter needs the slugs: a plain page never asks for them.
    slugs = dimension_slugs(content_version) if names else frozenset()
    return read_query(request.GET, slugs)
