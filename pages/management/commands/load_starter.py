from django.core.management.base import BaseCommand
from django.db import transaction

from comparisons.starter import load_comparisons
from content.starter import load_articles
from editorial.search import index as search_index
from glossary.starter import load_terms
from sources.starter import load_sources


class Command(BaseCommand):
    help = (
        "Load the starter articles and comparisons shipped with the site. Creates only what is "
        "missing and never changes existing content, so it is safe to run on every start."
    )

    def handle(self, *args, **options):
        # The search index is built once at the end, not row by row while loading; and in one
        # transaction, each comparison's change log starts with one version, not one per row.
        with transaction.atomic(), search_index.paused():
            # Terms first: cells and articles link the glossary terms they mention when saved.
            terms = load_terms()
            # Sources before what cites them; the new ones are linked even to cells and
            # articles that were there before.
            new_sources = load_sources()
            counts = load_comparisons(new_sources=new_sources)
            counts["terms"] = terms
            counts["sources"] = len(new_sources)
            counts["articles"] = load_articles(new_sources=new_sources)
        search_index.rebuild()
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        self.stdout.write(f"Starter content: created {summary}.")
