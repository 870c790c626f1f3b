from django.apps import AppConfig

from editorial.search.providers import provide


class ComparisonsConfig(AppConfig):
    name = "comparisons"
    verbose_name = "Comparisons"

    def ready(self):
        # Imported here, not at the top: signals and search_documents import models, which
        # load after apps.
        from . import search_documents, signals  # noqa: F401

        for provider in search_documents.PROVIDERS:
            provide(provider)
