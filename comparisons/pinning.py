"""Pinned versions of a comparison, as the views of this app reach them.

Versions live in `changelog`, above this app (README, Architecture): comparisons never imports
it. The change log registers a provider here when it loads (`changelog.apps`), through which
the JSON export answers `?version=<n>` and oEmbed accepts pinned embed URLs. Without one
(an install without the change log) there are no versions: every lookup finds none.
"""

MAX_DIGITS = 9  # a version number longer than this names no version (and stays cheap)

_provider = None


def register(provider):
    """`provider` has `grid(comparison, number)` (a grid shaped like `grid.GridData`, with
    `data`: the version's export data; None for an unknown version), `embed_version(match)`
    (the version a resolved URL pins, or None if it is no pinned embed URL) and
    `embed_path(comparison, number)`."""
    global _provider
    _provider = provider


def parse_number(value):
    """A version number from a URL or a query string: a positive whole number, else None."""
    value = str(value or "")
    # isascii: str.isdigit() also accepts digits of other scripts, which int() reads.
    if not (value.isascii() and value.isdigit()) or len(value) > MAX_DIGITS or int(value) == 0:
        return None
    return int(value)


def grid(comparison, number):
    return _provider.grid(comparison, number) if _provider else None


def embed_version(match):
    return _provider.embed_version(match) if _provider else None


def embed_path(comparison, number):
    return _provider.embed_path(comparison, number)
