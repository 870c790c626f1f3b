from django.apps import AppConfig

from editorial.search.providers import provide
from editorial.terms import provide_terms


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = "Glossary"

    def ready(self):
        # Imported here, not at the top: models cannot be imported before apps are loaded.
        from . import search_documents, signals  # noqa: F401
        from .models import Term

        provide_terms(Term.objects.for_linking)
        provide(search_documents.PROVIDER)
