from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EditorialConfig(AppConfig):
    """The shared editorial core: it imports no other app of the project."""

    name = "editorial"
    verbose_name = "Editorial core"

    def ready(self):
        # Imported here, not at the top: auth's models, and this app's own (the search index),
        # cannot be imported before apps load.
        from .editors import sync_editors_group
        from .search import receivers

        post_migrate.connect(sync_editors_group, sender=self, dispatch_uid="editorial:editors")
        # Every content model is registered by now: all models load before any ready().
        receivers.connect()
