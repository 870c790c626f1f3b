from django.apps import AppConfig


class ChangelogConfig(AppConfig):
    name = "changelog"
    verbose_name = "Change log"

    def ready(self):
        # Imported here, not at the top: the receivers import models, which load after apps.
        from . import recorder, signals  # noqa: F401
