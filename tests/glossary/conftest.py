import pytest

from glossary.models import Term


@pytest.fixture
def make_term(db):
    def make(name, slug=None, also_known_as="", short_definition=None, definition=None):
        return Term.objects.create(
            name=name,
            slug=slug or name.lower().replace(" ", "-"),
            also_known_as=also_known_as,
            short_definition=short_definition or f"What {name} means.",
            definition=definition or f"About {name}.",
        )

    return make
