from django.core.management.base import BaseCommand

from comparisons.starter import load_comparisons
from content.starter import load_articles
from editorial.search import index as search_index
from glossary.starter import load_terms


class Command(BaseCommand):
    help = (
        "Load the starter articles and comparisons shipped with the site. Creates only what is "
        "missing and never changes existing content, so it is safe to run on every start."
    )

    def handle(self, *args, **options):
        # The search index is built once at the end, not row by row while loading.
        with search_index.paused():
            # Terms first: cells and articles link the glossary terms they mention when saved.
            terms = load_terms()
            counts = load_comparisons()
            counts["terms"] = terms
            counts["articles"] = load_articles()
        search_index.rebuild()
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        self.stdout.write(f"Starter content: created {summary}.")
