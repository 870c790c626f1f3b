from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from comparisons.urls import site_urlpatterns
from content import views as content_views
from content.feeds import ArticleFeed
from pagecache.decorators import public_page

from . import seo, views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    # Public artefacts that never show drafts: cached for everyone (pagecache).
    path(
        "sitemap.xml",
        public_page(sitemap, sessionless=True),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("feed/", public_page(ArticleFeed(), sessionless=True), name="feed"),
    path("admin/", admin.site.urls),
    path("articles/", include("content.urls")),
    path("glossary/", include("glossary.urls")),
    path("search/", content_views.search, name="search"),
    path("", include("comparisons.urls")),
    *site_urlpatterns,
]

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
