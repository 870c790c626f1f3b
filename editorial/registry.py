"""The one list of content models: what editors write and readers see.

A content app marks each such model with `@content_model` where it defines it (the way models
register with the admin). Everything that must treat all content alike reads this list instead
of naming the models: the page cache's invalidation, export_content and import_content, the
Editors group's permissions, and the tests. A new content model needs nothing more than the
decorator.

A model that is not content but that editors work with (readers' suggestions) is marked with
`@editors_may(...)` instead: the Editors group gets those actions on it, and nothing else
treats it as content (no page-cache invalidation, no export or import).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    model: type
    # A date field at which a row becomes public without being saved again (an article
    # scheduled for later), read through the model's `scheduled()` queryset method; or "".
    scheduled_by: str = ""


_entries: list[Entry] = []


def content_model(model=None, *, scheduled_by=""):
    """Class decorator: register a content model. Order matters: parents before children,
    which is the order apps and models are defined in (export and import rely on it)."""

    def register(cls):
        if cls._meta.abstract:
            raise TypeError(f"{cls.__name__} is abstract: only concrete models hold content.")
        if all(entry.model is not cls for entry in _entries):
            _entries.append(Entry(cls, scheduled_by))
        return cls

    return register(model) if model is not None else register


def entries():
    return list(_entries)


def models():
    return [entry.model for entry in _entries]


def app_labels():
    """The apps that hold content, in registration order."""
    return list(dict.fromkeys(model._meta.app_label for model in models()))


# Not content, but worked on by the Editors group: model -> the actions ("view", "change"...).
_editor_models: dict = {}


def editors_may(*actions):
    """Class decorator: give the Editors group these actions on a model that is not content."""

    def register(cls):
        _editor_models[cls] = tuple(actions)
        return cls

    return register


def editor_models():
    """{model: actions} of the models registered with `editors_may`."""
    return dict(_editor_models)
