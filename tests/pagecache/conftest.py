import os
import uuid
from datetime import timedelta

import pytest
import redis
from django.core.cache import cache
from django.utils import timezone

from content.models import Article
from pagecache.decorators import local_cache

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# Set by CI (.ci/run, which starts a server): a missing Redis fails the run instead of skipping.
REQUIRE_REDIS = os.environ.get("REQUIRE_REDIS", "").strip().lower() not in ("", "0", "false", "no")


def _forget(prefix):
    """Delete this test's keys only: other runs may share the Redis database."""
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    """Runs the test with each page cache backend: local memory (the default) and Redis (what
    REDIS_URL selects), on a database number and key prefix of its own."""
    if request.param == "redis":
        try:
            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as error:
            message = f"no Redis server at {REDIS_URL} (set TEST_REDIS_URL): {error}"
            if REQUIRE_REDIS:
                pytest.fail(f"REQUIRE_REDIS is set but there is {message}", pytrace=False)
            pytest.skip(message)
        prefix = f"test-{uuid.uuid4().hex}"
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": prefix,
            }
        }
        local_cache.clear()
        yield request.param
        local_cache.clear()
        _forget(prefix)
    else:
        cache.clear()
        yield request.param


@pytest.fixture
def schedule_article(db):
    """schedule_article(title, slug): a published article whose time comes in an hour;
    returns that moment."""

    def schedule(title, slug="later"):
        publish_at = timezone.now() + timedelta(hours=1)
        Article.objects.create(
            title=title,
            slug=slug,
            summary="Scheduled.",
            body="Later.",
            status=Article.Status.PUBLISHED,
            published_at=publish_at,
        )
        return publish_at

    return schedule
