from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Site-wide pages (home, search, feeds, sitemaps, SEO tags): the top of the import order."""

    name = "pages"
    verbose_name = "Site pages"
