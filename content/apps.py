from django.apps import AppConfig

from editorial.search.providers import provide


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Articles"

    def ready(self):
        # Imported here, not at the top: search_documents imports models, which load after apps.
        from . import search_documents

        provide(search_documents.PROVIDER)
