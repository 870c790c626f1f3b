"""Local development: `make run`. DEBUG is on only here, and only unless DEBUG=false."""

import os

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .base import BASE_DIR, env_bool, env_list

DEBUG = env_bool("DEBUG", default=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")


def _dev_secret_key():
    # A key made once per checkout and kept out of git: no shared default secret exists.
    path = BASE_DIR / ".dev-secret-key"
    if not path.exists():
        path.write_text(get_random_secret_key())
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or _dev_secret_key()

# Serve static files straight from the finders: no collectstatic in development.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# No page cache while templates change under runserver (ETags and 304s still work).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
