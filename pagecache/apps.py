from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        # Imported here, not at the top: signals imports models, which cannot load before apps.
        from . import signals

        signals.connect()
