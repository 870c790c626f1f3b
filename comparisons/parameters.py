"""The query parameters the site itself uses, and the values its embeds accept.

A filterable dimension's slug is a query parameter too (`?location=abroad`), so no dimension may
take one of these names: it would be unreachable as a filter, or break the page that uses the
name (the guide's `step`). The list is the public contract's ("Reserved names").
"""

from django.core.exceptions import ValidationError

from pagecache.keys import is_tracking

SHOW = "show"
PICK = "pick"
DIFFERENCES = "differences"
STEP = "step"
THEME = "theme"
CONTROLS = "controls"
# An embed flag: suggest=1 shows each cell's "Suggest a correction" link (README, embeds).
SUGGEST = "suggest"
# Embed flags: transparent=1 leaves the page background to the host's; plain=1 leaves out the
# title and the attribution line but a small source link.
TRANSPARENT = "transparent"
PLAIN = "plain"

RESERVED = frozenset(
    {
        SHOW,
        PICK,
        DIFFERENCES,
        STEP,
        THEME,
        CONTROLS,
        SUGGEST,
        TRANSPARENT,
        PLAIN,
        "version",
        "q",
        "page",
        "format",
        "url",
        "maxwidth",
        "maxheight",
    }
)
# Tracking parameters (utm_*, _*, fbclid, gclid...) are reserved too: the page cache ignores
# them (pagecache.keys), so a dimension with such a slug would be served the unfiltered page.

# Embed colour themes: "auto" follows the reader's system setting and is the default.
THEMES = ("auto", "light", "dark")
DEFAULT_THEME = THEMES[0]


def is_reserved(name):
    return name in RESERVED or is_tracking(name)


def validate_not_reserved(value):
    if is_reserved(value):
        raise ValidationError(
            "“%(value)s” is a name the site's own addresses use (reserved: %(names)s, tracking "
            "names such as fbclid or gclid, and anything starting with utm_ or _); choose "
            "another slug.",
            code="reserved",
            params={"value": value, "names": ", ".join(sorted(RESERVED))},
        )


# A pair page's address joins two strategy slugs with it: /compare/<slug>/<a>-vs-<b>/.
PAIR_SEPARATOR = "-vs-"


def validate_no_pair_separator(value):
    if PAIR_SEPARATOR in value:
        raise ValidationError(
            "A strategy's slug may not contain “%(separator)s”: pair pages join two slugs with "
            "it (/compare/…/offshoring-vs-nearshoring/).",
            code="pair_separator",
            params={"separator": PAIR_SEPARATOR},
        )


def embed_options(querydict):
    """The presentation parameters of an embed, as (name, value) pairs to keep in its links."""
    keep = []
    theme = querydict.get(THEME)
    if theme in THEMES and theme != DEFAULT_THEME:
        keep.append((THEME, theme))
    if querydict.get(CONTROLS) == "0":
        keep.append((CONTROLS, "0"))
    if querydict.get(SUGGEST) == "1":
        keep.append((SUGGEST, "1"))
    # Flags: "1" turns them on; any other value is ignored, as an unknown theme is.
    for flag in (TRANSPARENT, PLAIN):
        if querydict.get(flag) == "1":
            keep.append((flag, "1"))
    return keep
