import time

from django.core.management.base import BaseCommand
from django.db import transaction

from editorial.models import SearchDocument
from editorial.search import index


class Command(BaseCommand):
    help = (
        "Rebuild the site search index from the content as it is now. Edits keep it up to date "
        "by themselves; this is for after a restore, a bulk change made outside Django, or a "
        "change to how text is indexed. Only documents that differ are written."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--clear", action="store_true", help="Empty the index first and write every document."
        )

    def handle(self, *args, clear=False, **options):
        started = time.perf_counter()
        with transaction.atomic():
            if clear:
                SearchDocument.objects.all().delete()
            index.rebuild()
        count = SearchDocument.objects.count()
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Search index: {count} documents ({elapsed:.2f} s).")
