"""Glossary terms in the site search: name, other names, short definition and definition."""

from editorial.search.providers import Document, Provider, Scope, html_text

from .models import Term

KIND = "term"


def documents(scope):
    terms = Term.objects.all()
    if scope.group is not None:
        terms = terms.filter(pk=int(scope.group))
    for term in terms:
        synonyms = f"Also known as {', '.join(term.synonyms)}." if term.synonyms else ""
        yield Document(
            key=str(term.pk),
            group=str(term.pk),
            title=term.name,
            url=term.get_absolute_url(),
            passages=(term.short_definition, synonyms, html_text(term.definition_html)),
        )


def scopes(instance):
    if isinstance(instance, Term):
        return [Scope(str(instance.pk))]
    return []


PROVIDER = Provider(KIND, "Glossary term", documents, scopes, priority=3)
