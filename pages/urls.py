from django.contrib.sitemaps.views import sitemap
from django.urls import path

from pagecache.decorators import public_page

from . import views
from .feeds import ArticleFeed
from .sitemaps import SITEMAPS

# Not namespaced: these names are the site's own (templates say {% url 'home' %}).
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Public artefacts that never show drafts: cached for everyone (pagecache).
    path(
        "sitemap.xml",
        public_page(sitemap, sessionless=True, reads=("p",)),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("feed/", public_page(ArticleFeed(), sessionless=True, reads=()), name="feed"),
    path("search/", views.search, name="search"),
]
