"""The public change log of a comparison: /compare/<slug>/changes/ and its Atom feed."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from comparisons.models import Comparison
from pagecache.decorators import public_page

from .models import Kind
from .textdiff import word_diff

PER_PAGE = 30
FEED_LENGTH = 30
# Entries whose before and after are prose, shown as a word diff; the others as "was / now".
PROSE = {Kind.CELL_TEXT}


def published_comparison(slug):
    # Versions are only made of published comparisons, so only they have a change log.
    return get_object_or_404(Comparison.objects.published(), slug=slug)


def with_diffs(versions):
    for version in versions:
        for entry in version.entries.all():
            entry.diff = word_diff(entry.before, entry.after) if entry.kind in PROSE else None
    return versions


@public_page(reads=("page",))
@require_safe
def changes(request, slug):
    comparison = published_comparison(slug)
    versions = comparison.versions.prefetch_related("entries").defer("data")
    page = Paginator(versions, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "comparison": comparison,
        "page": page,
        "versions": with_diffs(page.object_list),
        "nav": "compare",
    }
    return render(request, "changelog/changes.html", context)


class ChangesFeed(Feed):
    """Each version of one comparison, newest first, as an Atom entry."""

    feed_type = Atom1Feed
    author_name = settings.SITE_NAME

    def get_object(self, request, slug):
        return published_comparison(slug)

    def title(self, comparison):
        return f"{comparison.title}: changes · {settings.SITE_NAME}"

    def subtitle(self, comparison):
        return f"Every published change to the table “{comparison.title}”, with its version."

    def link(self, comparison):
        return reverse("changelog:changes", args=[comparison.slug])

    def feed_url(self, comparison):
        return reverse("changelog:feed", args=[comparison.slug])

    def items(self, comparison):
        versions = comparison.versions.prefetch_related("entries").defer("data")
        return with_diffs(versions[:FEED_LENGTH])

    def item_title(self, version):
        kinds = {entry.get_kind_display() for entry in version.entries.all()}
        return f"Version {version.number}: {', '.join(sorted(kinds)) or 'changes'}"

    def item_description(self, version):
        # Atom's <summary type="html">: the entries as escaped HTML (a template escapes them).
        return render_to_string("changelog/feed_item.html", {"version": version})

    def item_link(self, version):
        return version.get_absolute_url()

    def item_pubdate(self, version):
        return version.created_at

    def item_updateddate(self, version):
        return version.created_at


feed = public_page(ChangesFeed(), sessionless=True, reads=())
