from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    """Readers' suggested corrections to cells, and the editors' queue of them."""

    name = "corrections"
    verbose_name = "Readers' corrections"
