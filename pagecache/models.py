from django.db import models


class ContentVersion(models.Model):
    """One row: a number that changes whenever anything a public page shows changes.

    It is part of the key of every cached page (`pagecache.version`), so a save anywhere makes
    every cached page stale at once, in every worker process, whatever the cache backend.
    `next_change` is the earliest moment a page will change without a save (an article
    scheduled for later): the first request after it bumps the number.
    """

    counter = models.PositiveBigIntegerField()
    next_change = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return str(self.counter)
