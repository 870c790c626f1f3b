"""Settings shared by every environment. Values that differ come from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from config.client_address import ipware_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "template_partials",
    "simple_history",
    "axes",
    "adminsortable2",
    # The project's apps, in their import order: each may import those above it, never those
    # below (README, "Architecture").
    "editorial",
    "pagecache",
    "sources",
    "glossary",
    "comparisons",
    "changelog",
    "corrections",
    "content",
    "pages",
]

MIDDLEWARE = [
    # Outermost, so static files served by WhiteNoise carry it too.
    "config.middleware.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise directly after SecurityMiddleware, so static files skip the rest.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what every inner middleware has finished (headers, cookies) on its way out;
    # below WhiteNoise, which serves static files compressed already. Skips the admin (BREACH).
    "pagecache.middleware.PublicGZipMiddleware",
    # Outside CommonMiddleware: the 400 page for a refused Host header must carry them too.
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before anything reads request.GET (the admin guard below does): too many parameters are
    # a plain 400 at once, the headers above included, DEBUG or not.
    "config.middleware.QueryStringLimitMiddleware",
    "config.middleware.AdminNulGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records which editor made each revision (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out client is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Public pages are cached whole (pagecache): keyed by the content version, which every content
# save bumps, so an edit shows at once. Local memory per worker process by default; Redis,
# shared by all workers, when REDIS_URL is set (e.g. redis://127.0.0.1:6379/0).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sourcing",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
# Seconds the server keeps a rendered page (0: no page cache). Edits never wait for it.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# On PostgreSQL, each process listens for content changes instead of reading the version on
# every request (pagecache.listener). Off behind a pooler that does not pass LISTEN on.
PAGE_CACHE_LISTEN = env_bool("PAGE_CACHE_LISTEN", True)
# Seconds a CDN may serve a public page without asking (s-maxage); browsers always revalidate.
CDN_MAX_AGE = int(os.environ.get("CDN_MAX_AGE", "60"))
# Settings that shape cached responses (their headers or text): part of every page-cache key,
# so a changed value shows at the next request instead of when older entries expire (Redis
# keeps them across restarts). Add any new setting a public view's response reads.
PAGE_CACHE_KEY_SETTINGS = ["CDN_MAX_AGE", "EMBED_FRAME_ANCESTORS", "EMBED_MAX_AGE", "SITE_NAME"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Every page refuses to be framed; the embed views opt out one by one.
X_FRAME_OPTIONS = "DENY"

# A strict policy for every page, admin included: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The comparison page previews its own embed.
        "frame-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
# Who may frame the embed pages: CSP source expressions, space or comma separated.
# The default lets any web page embed a table.
EMBED_FRAME_ANCESTORS = (
    os.environ.get("EMBED_FRAME_ANCESTORS", "https: http:").replace(",", " ").split()
)
# Seconds browsers and CDNs may keep an embed page before asking again.
EMBED_MAX_AGE = int(os.environ.get("EMBED_MAX_AGE", "300"))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Django's own CSRF failure page has an inline <style> that the policy above would block.
CSRF_FAILURE_VIEW = "pages.views.csrf_failure"

# Public name and address used in absolute links (exports, embed snippets, feeds)
# when there is no request to build them from.
SITE_NAME = os.environ.get("SITE_NAME", "Sourcing Explained")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Django's own logger would also print to the console: one line per event is enough.
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# django-axes: brute-force protection of the admin sign-in.
# Failures count per (username, client address) pair. Username alone would let anyone lock an
# editor out from anywhere; address alone would lock out every colleague behind one office
# address. Behind a reverse proxy REMOTE_ADDR is the proxy's: set TRUSTED_PROXY_COUNT (below).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
# A float is read as hours by axes.
AXES_COOLOFF_TIME = int(os.environ.get("AXES_COOLOFF_MINUTES", "15")) / 60
AXES_HTTP_RESPONSE_CODE = 429  # Too Many Requests
AXES_RESET_ON_SUCCESS = True  # a successful sign-in forgets earlier typos
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"


def _axes_username(request, credentials):
    # The username axes records, cut to its column's 255 characters: the sign-in form does not
    # cap what it passes on, and a longer name fails to save on PostgreSQL (a 500, not a 200).
    field = "username"
    username = credentials.get(field) if credentials else request.POST.get(field)
    return username[:255] if username else username


AXES_USERNAME_CALLABLE = _axes_username


# How axes (through django-ipware) finds a client's address behind TRUSTED_PROXY_COUNT proxies;
# the correction form's rate limit reads it through the same function (editorial.client_address).
axes_client_address_settings = ipware_settings
AXES_CLIENT_IP_CALLABLE = "editorial.client_address.client_address"


# Reverse proxies in front of the site (a TLS terminator, a load balancer): 0 trusts none.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
_client_address = axes_client_address_settings(TRUSTED_PROXY_COUNT)
AXES_IPWARE_META_PRECEDENCE_ORDER = _client_address["AXES_IPWARE_META_PRECEDENCE_ORDER"]
AXES_IPWARE_PROXY_ORDER = _client_address["AXES_IPWARE_PROXY_ORDER"]
AXES_IPWARE_PROXY_COUNT = _client_address["AXES_IPWARE_PROXY_COUNT"]
IPWARE_ALGORITHM = _client_address["IPWARE_ALGORITHM"]
IPWARE_STRICT = _client_address["IPWARE_STRICT"]

# Readers' corrections (corrections.views): posts are limited per client address, read as axes
# reads it. The counts live in the default cache: shared by every worker with REDIS_URL, per
# worker process without it (local memory).
RATELIMIT_USE_CACHE = "default"

# Editors' dashboard (pages.dashboard): a cell is due for review this many days after its last.
REVIEW_AFTER_DAYS = int(os.environ.get("REVIEW_AFTER_DAYS", "365"))
