"""What the page cache tests read of it: whether a view ran, and which entries it keeps."""

import redis
from django.conf import settings
from django.core.cache import cache

from pagecache.decorators import local_cache
from tests.pagecache.conftest import REDIS_URL


def rendered(response):
    """Whether the view ran: the test client records the templates a response rendered."""
    return bool(response.templates)


def page_entries(page_cache):
    """The keys of the page cache's entries, in the cache and in this process's layer."""
    local = local_cache.keys()
    if page_cache == "redis":
        client = redis.Redis.from_url(REDIS_URL)
        prefix = settings.CACHES["default"]["KEY_PREFIX"]
        return [*client.scan_iter(match=f"{prefix}:*page:*")], local
    return [key for key in cache._cache if "page:" in key], local
