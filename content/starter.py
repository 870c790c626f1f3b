"""Load the starter articles shipped in content/starter/articles/*.md (TOML front matter)."""

import tomllib
from pathlib import Path

from django.db import transaction

from sources.starter import sources_by_url

from .models import Article, ArticleSource, SuggestedArticle

STARTER_DIR = Path(__file__).resolve().parent / "starter" / "articles"
FENCE = "+++"


def parse_article(text):
    """Split a starter file into its front matter (a dict) and its Markdown body."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE or FENCE not in lines[1:]:
        raise ValueError("a starter article must begin with front matter between +++ lines")
    end = lines.index(FENCE, 1)
    meta = tomllib.loads("\n".join(lines[1:end]))
    return meta, "\n".join(lines[end + 1 :]).strip() + "\n"


@transaction.atomic
def load_articles(directory=STARTER_DIR, new_sources=frozenset()):
    """Create the missing starter articles; return how many. `new_sources`: the URLs of the
    starter sources just created (sources.starter)."""
    created, suggesting = 0, []
    for path in sorted(directory.glob("*.md")):
        slug = path.stem
        meta, body = parse_article(path.read_text(encoding="utf-8"))
        article = Article.objects.filter(slug=slug).first()
        if article is not None:
            _cite(article, meta.get("sources", []), False, new_sources)
            continue
        article = Article.objects.create(
            slug=slug,
            title=meta["title"],
            summary=meta["summary"],
            body=body,
            status=Article.Status.PUBLISHED,
            published_at=meta["published_at"],
        )
        _cite(article, meta.get("sources", []), True, new_sources)
        suggesting.append((article, meta.get("suggested", [])))
        created += 1
    for article, slugs in suggesting:  # once every article exists
        _suggest(article, slugs)
    return created


def _suggest(article, slugs):
    """A new starter article's suggested articles, in the order its front matter lists them."""
    by_slug = Article.objects.in_bulk(slugs, field_name="slug")
    for order, slug in enumerate(slugs, start=1):
        SuggestedArticle.objects.create(article=article, suggested=by_slug[slug], order=order)


def _cite(article, urls, new_article, new_sources):
    """Link a starter article to its starter sources: a new article to all of them, one that
    was there already only to sources created in this run (a site older than sources), so that
    a source an editor took off an article stays off."""
    for order, source in enumerate(sources_by_url(urls), start=1):
        if new_article or source.url in new_sources:
            ArticleSource.objects.get_or_create(
                article=article, source=source, defaults={"order": order * 10}
            )
