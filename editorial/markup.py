"""The one way Markdown becomes HTML on this site: Python-Markdown, then nh3 with an allowlist.

Python-Markdown passes raw HTML, `javascript:` links and attribute lists straight through,
so its output is never trusted: nh3 keeps only the tags, attributes and URL schemes below.
"""

import re
import threading
from dataclasses import dataclass
from html import unescape

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "dd", "del", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "s", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "code": {"class"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


class _NoH1(Treeprocessor):
    # The page title is the page's only h1, so a "# Heading" in a body becomes an h2.
    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class _NoH1Extension(Extension):
    def extendMarkdown(self, md):
        # Before toc (priority 5) so the anchors are made for the final levels.
        md.treeprocessors.register(_NoH1(md), "no_h1", 6)


def _extensions():
    return ["tables", "fenced_code", "sane_lists", _NoH1Extension(), "toc"]


_EXTENSION_CONFIGS = {"toc": {"permalink": False, "toc_depth": "2-4"}}
_local = threading.local()


def _allowed_class(tag, attribute, value):
    # Fenced code may carry its language for styling; nothing else keeps a class.
    return tag == "code" and attribute == "class" and value.startswith("language-")


_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


def _safe_href(value):
    # Browsers drop tabs and newlines inside URLs, and Markdown turns tabs into spaces, so
    # "java<tab>script:" must be judged with all whitespace and controls removed.
    compact = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    match = _SCHEME.match(compact)
    return match is None or match.group(1) in ALLOWED_URL_SCHEMES


def _filter_attribute(tag, attribute, value):
    if tag == "code" and attribute == "class":
        return value if _allowed_class(tag, attribute, value) else None
    if attribute == "href" and not _safe_href(value):
        return None
    return value


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


@dataclass(frozen=True)
class Document:
    html: str
    # The h2 and h3 headings, as {"level", "id", "name"} dicts: the article's table of contents.
    headings: list


def _parser():
    md = getattr(_local, "markdown", None)
    if md is None:
        # Building the parser costs more than most conversions; keep one per thread.
        md = _local.markdown = markdown.Markdown(
            extensions=_extensions(), extension_configs=_EXTENSION_CONFIGS
        )
    return md.reset()


def _flatten(tokens, levels=(2, 3)):
    for token in tokens:
        if token["level"] in levels:
            yield {"level": token["level"], "id": token["id"], "name": unescape(token["name"])}
        yield from _flatten(token["children"], levels)


def render_document(text: str) -> Document:
    """Editor Markdown as safe HTML, with the headings the `toc` extension found on the way."""
    md = _parser()
    html = sanitize(md.convert(text or ""))
    return Document(html, list(_flatten(md.toc_tokens)))


def render_markdown(text: str) -> str:
    """Render editor Markdown to safe HTML. Called on save, never per request."""
    return render_document(text).html
