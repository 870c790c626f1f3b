"""The comparison page's embed builder: what the author chose for the snippet, and the snippet.

The page reads the choices from its own query, under the embed's own names (all reserved,
contract): `version=live` for a snippet that follows the table (absent, the default: pinned to
the current version), and the embed flags `theme`, `transparent=1`, `plain=1`, `controls=0`.
Any other value means the default, so a stale or hostile link still shows the page: the flags
are read by `parameters.embed_options`, as every embed reads them.
"""

from dataclasses import dataclass, replace

from . import embeds, pinning
from .parameters import CONTROLS, DEFAULT_THEME, PLAIN, THEME, TRANSPARENT, embed_options

VERSION = "version"
LIVE = "live"


@dataclass(frozen=True)
class EmbedChoices:
    current: int | None  # the comparison's public version; None: nothing to pin yet
    live: bool = False
    theme: str = DEFAULT_THEME
    transparent: bool = False
    plain: bool = False
    controls: bool = True  # the filters shown inside the embed

    @property
    def version(self):
        """The version the snippet pins, or None for a live snippet."""
        return None if self.live else self.current

    def flags(self):
        """The embed flags chosen, as (name, value) pairs; a default is left out."""
        pairs = [(THEME, self.theme)] if self.theme != DEFAULT_THEME else []
        pairs += [(TRANSPARENT, "1")] if self.transparent else []
        pairs += [(PLAIN, "1")] if self.plain else []
        pairs += [(CONTROLS, "0")] if not self.controls else []
        return pairs

    def params(self):
        """The choices as the page's own links keep them: `version=live`, then the flags."""
        live = [(VERSION, LIVE)] if self.live and self.current else []
        return live + self.flags()


def read_choices(querydict, current_version):
    """The author's choices in `querydict`, for a comparison whose public version is
    `current_version` (0 or None when it has none: then the snippet can only be live)."""
    current = current_version or None
    flags = dict(embed_options(querydict))
    return EmbedChoices(
        current=current,
        live=current is None or querydict.get(VERSION) == LIVE,
        theme=flags.get(THEME, DEFAULT_THEME),
        transparent=TRANSPARENT in flags,
        plain=PLAIN in flags,
        controls=CONTROLS not in flags,
    )


@dataclass(frozen=True)
class Embed:
    url: str  # the iframe's src, absolute: what the preview shows and oEmbed is asked about
    snippet: str  # the whole paste (embeds.snippet)


def build_embed(request, comparison, state, choices):
    """The embed of the table as `state` filters it (its filters, `pick`, `show`,
    `differences`), pinned or live and with the flags as `choices` say."""
    path = pinning.embed_path(comparison, choices.version) if choices.version else None
    state = replace(state.without_presentation(), keep=choices.flags())
    return Embed(
        url=embeds.embed_url(request, comparison, state, path=path),
        snippet=embeds.snippet(request, comparison, state, path=path),
    )
