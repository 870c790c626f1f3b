from django.apps import AppConfig


class ComparisonsConfig(AppConfig):
    name = "comparisons"
    verbose_name = "Comparisons"

    def ready(self):
        # Imported here, not at the top: signals imports models, which load after apps.
        from . import signals  # noqa: F401
