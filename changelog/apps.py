from django.apps import AppConfig


class ChangelogConfig(AppConfig):
    name = "changelog"
    verbose_name = "Change log"

    def ready(self):
        # Imported here, not at the top: the receivers import models, which load after apps.
        from comparisons import pinning

        from . import pinned, recorder, signals  # noqa: F401

        # comparisons reaches versions through this hook (it never imports changelog).
        pinning.register(pinned.Provider)
