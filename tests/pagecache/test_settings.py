"""The page cache backend follows REDIS_URL."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

CACHES_FOR = "from config.settings import base; print(base.CACHES['default']['BACKEND'])"


@pytest.mark.parametrize(
    ("redis_url", "backend"),
    [
        ("", "django.core.cache.backends.locmem.LocMemCache"),
        ("redis://127.0.0.1:6379/0", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_redis_url_chooses_the_shared_cache(redis_url, backend):
    env = {**os.environ, "REDIS_URL": redis_url}
    out = subprocess.run(
        [sys.executable, "-c", CACHES_FOR],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == backend
