"""Load the starter articles shipped in content/starter/articles/*.md (TOML front matter)."""

import tomllib
from pathlib import Path

from django.db import transaction

from .models import Article

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
def load_articles(directory=STARTER_DIR):
    created = 0
    for path in sorted(directory.glob("*.md")):
        slug = path.stem
        if Article.objects.filter(slug=slug).exists():
            continue
        meta, body = parse_article(path.read_text(encoding="utf-8"))
        Article.objects.create(
            slug=slug,
            title=meta["title"],
            summary=meta["summary"],
            body=body,
            status=Article.Status.PUBLISHED,
            published_at=meta["published_at"],
        )
        created += 1
    return created
