"""Load the starter glossary shipped in glossary/starter/terms.toml."""

import tomllib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import LABEL_TAKEN, Term

STARTER_FILE = Path(__file__).resolve().parent / "starter" / "terms.toml"
FIELDS = ["name", "slug", "also_known_as", "short_definition", "definition"]


def read_terms(path=STARTER_FILE):
    with path.open("rb") as file:
        return tomllib.load(file)["terms"]


@transaction.atomic
def load_terms(path=STARTER_FILE):
    """Create the starter terms whose slug is missing; never change existing ones."""
    existing = set(Term.objects.values_list("slug", flat=True))
    created = 0
    for entry in read_terms(path):
        if entry["slug"] in existing:
            continue
        term = Term(**{field: entry.get(field, "").strip() for field in FIELDS})
        try:
            term.full_clean()
        except ValidationError as error:
            if all(e.code == LABEL_TAKEN for errors in error.error_dict.values() for e in errors):
                continue  # an editor's own term already uses this name: theirs wins
            raise
        term.save()
        existing.add(term.slug)
        created += 1
    return created
