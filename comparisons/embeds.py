"""What embedders paste: the iframe snippet, and the same markup for oEmbed consumers."""

from django.urls import reverse
from django.utils.html import format_html

DEFAULT_HEIGHT = 600


def embed_url(request, comparison, state, path=None):
    """The embed's address as `state` filters it; `path` for another embed (a pinned one)."""
    path = path or reverse("comparisons:embed", args=[comparison.slug])
    return request.build_absolute_uri(path + state.query_string())


def frame_title(title):
    """What a screen reader announces for the frame of a table titled `title`."""
    return f"{title} (comparison table)"


def iframe_html(
    request, comparison, state, height=DEFAULT_HEIGHT, width=None, path=None, title=None
):
    """The iframe alone: fixed height and its own scrollbar until the sizing script runs.
    `title` names the frame (a part's or a version's); the table's by default."""
    width_style = f"max-width: {width}px; " if width else ""
    return format_html(
        '<iframe src="{}" title="{}" loading="lazy" width="100%" '
        'height="{}" style="{}width: 100%; border: 0;" '
        'referrerpolicy="strict-origin-when-cross-origin"></iframe>',
        embed_url(request, comparison, state, path),
        title or frame_title(comparison.title),
        height,
        width_style,
    )


def script_html(request):
    return format_html(
        '<script src="{}" async></script>', request.build_absolute_uri(reverse("embed_script"))
    )


def snippet(request, comparison, state, height=DEFAULT_HEIGHT, width=None, path=None, title=None):
    """The whole paste: the iframe plus the script that sizes it to its content."""
    return format_html(
        "{}\n{}",
        iframe_html(request, comparison, state, height, width, path, title),
        script_html(request),
    )
