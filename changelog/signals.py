"""Starts the change log of published comparisons that have none: after `migrate` on a site
that had comparisons before the change log existed."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver

from comparisons.models import Comparison

from .recorder import record


@receiver(post_migrate, dispatch_uid="changelog-first-versions")
def first_versions(sender, app_config=None, using="default", **kwargs):
    if app_config is None or app_config.label != "changelog":
        return
    for pk in (
        Comparison.objects.using(using)
        .filter(is_published=True, versions=None)
        .values_list("pk", flat=True)
    ):
        record(pk)
