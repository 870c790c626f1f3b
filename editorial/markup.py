"""The one way Markdown becomes HTML on this site: Python-Markdown, then nh3 with an allowlist.

Python-Markdown passes raw HTML, `javascript:` links and attribute lists straight through,
so its output is never trusted: nh3 keeps only the tags, attributes and URL schemes below.

Python-Markdown also rescans text ("[" * 8000 took 19 s) and recurses per level of nesting:
`_SiteMarkdown` bounds each such place. Ordinary text renders as before, any text up to a field's
maximum length (editorial.rendering.Markdown) in well under a second (bench/markdown_worst.py).
"""

import re
import threading
from dataclasses import dataclass
from html import unescape
from itertools import islice

import markdown
import nh3
from markdown.blockprocessors import SetextHeaderProcessor
from markdown.extensions import Extension
from markdown.extensions.tables import TableProcessor
from markdown.htmlparser import HTMLExtractor
from markdown.preprocessors import HtmlBlockPreprocessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import AtomicString

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "dd", "del", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "s", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"}, "abbr": {"title"}, "code": {"class"},
    **{f"h{level}": {"id"} for level in range(2, 7)},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
}  # fmt: skip
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_SCAN_MINIMUM = 50_000  # brackets and link targets' characters the link patterns may scan,
LINK_SCAN_PER_CHARACTER = 10  # or this many per character of the document (ordinary text: 1-2)
MAX_BLOCK_NESTING = 40  # lists and quotes inside each other; deeper markers stay text
MAX_DEPTH = 80  # elements inside each other; deeper ones keep only their text
# Inline pattern (Python-Markdown's names) -> what a text must hold for it to match, a regex.
_NEEDS = {
    "backtick": "`", "escape": r"\\", "reference": r"\[", "link": r"\[", "image_link": r"!\[",
    "image_reference": r"!\[", "short_reference": r"\[", "short_image_ref": r"!\[",
    "autolink": "<", "automail": "<", "linebreak": "  \n", "html": "<", "entity": "&",
    "em_strong": "[*_]", "em_strong2": "_",
}  # fmt: skip
_BRACKETS = re.compile(r"[][]")


class _NoH1(Treeprocessor):
    # The page title is the page's only h1, so a "# Heading" in a body becomes an h2.
    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


def _get_text(md):
    # The link patterns' getText: the "]" of every "[", to the paragraph's end if none ("[" * 8000:
    # 32 million steps). Here bracket to bracket, each a step of the budget; spent, they stay text.
    def get_text(data, index):
        depth, steps, brackets = 1, 0, _BRACKETS.finditer(data, index)
        for steps, bracket in enumerate(islice(brackets, md.link_scan_budget), 1):
            depth += 1 if bracket.group() == "[" else -1
            if not depth:
                md.link_scan_budget -= steps
                return data[index : bracket.start()], bracket.end(), True
        md.link_scan_budget -= steps
        return "", len(data), False  # the text of a bracket left open is never used

    return get_text


def _get_link(md, scan):
    # The link patterns' getLink, seeking the ")" of each "](" (-1 for a title left open: kept).
    def bounded(data, index):
        end = min(len(data), index + md.link_scan_budget)
        *values, stop, handled = scan(data[index:end], 0)
        md.link_scan_budget -= max(stop, 0) if handled else end - index
        return (*values, index + stop if stop >= 0 else stop, handled)

    return bounded


class _NoMatchMemo:
    # A block processor's regex, searching whole blocks, then the rest of one another processor took
    # lines of ("a\n===\n" * 3000): a block without a match has none in its last lines either.
    def __init__(self, regex):
        self.regex, self.clean = regex, ""

    def __getattr__(self, name):
        return getattr(self.regex, name)

    def search(self, block, *args):
        before = len(self.clean) - len(block) - 1  # a line break there, if block is the rest
        if not args and self.clean.endswith(block) and (before < 0 or self.clean[before] == "\n"):
            return None
        found = self.regex.search(block, *args)
        if found is None and not args:
            self.clean = block
        return found


class _Fences:
    # FENCED_BLOCK_RE.search, which seeks every opening fence's close to the end ("```a\n" * 4000).
    OPENING = re.compile(r"^(?:~{3,}|`{3,})", re.MULTILINE)

    def __init__(self, regex):
        self.regex, self.text = regex, None

    def search(self, text, pos=0):
        if text is not self.text:
            self.text, self.unclosed = text, {}
        for opening in self.OPENING.finditer(text, pos):
            fence, start = opening.group(), opening.start()
            if self.unclosed.get(fence, start) < start:
                continue
            found = self.regex.match(text, start)
            if found:
                return found
            if not re.compile(f"^{re.escape(fence)}[ ]*$", re.M).search(text, opening.end()):
                self.unclosed[fence] = start
        return None


class _Tables(TableProcessor):
    # Its first two lines make a block a table; the parent splits and strips all of them.
    def test(self, parent, block):
        second = block.find("\n", block.find("\n") + 1)
        head = block if second < 0 else block[:second]
        found = super().test(parent, head)
        if found and len(self.separator) == 1 and head != block:
            found = super().test(parent, block)  # one column: every row needs a pipe
        return found


class _Setext(SetextHeaderProcessor):
    # The parent splits the whole block into lines to take the first two, for every heading.
    def run(self, parent, blocks):
        first, second, *rest = blocks[0].split("\n", 2)
        blocks[0] = f"{first}\n{second}"
        super().run(parent, blocks)
        blocks[:0] = rest


class _Inline(InlineProcessor):
    # Each inline pattern, tried on each piece of text ("|a" * 9999), skipped if it can't match.
    def __init__(self, md):
        super().__init__(md)
        registry = md.inlinePatterns
        self.patterns, self.needs = list(registry), [None] * len(registry)
        for name, needed in _NEEDS.items():
            if name in registry:
                self.needs[registry.get_index_for_name(name)] = re.compile(needed)

    def _InlineProcessor__handleInline(self, data, index=0):
        # Python-Markdown's, with patterns skipped as if tried and not matched.
        if isinstance(data, AtomicString):
            return data
        start = 0
        while index < len(self.patterns):
            needed = self.needs[index]
            if needed and not needed.search(data, start):
                index, start = index + 1, 0
                continue
            pattern = self.patterns[index]
            data, matched, start = self._InlineProcessor__applyPattern(pattern, data, index, start)
            index += not matched
        return data


class _HtmlExtractor(HTMLExtractor):
    # html.parser reads a tag from each "<a" to the end if no ">" follows ("<a x='" * 3000): text.
    def check_for_whole_start_tag(self, i):
        return -1 if self.rawdata.find(">", i) < 0 else super().check_for_whole_start_tag(i)


class _HtmlBlocks(HtmlBlockPreprocessor):
    def run(self, lines):
        parser = _HtmlExtractor(self.md)
        parser.feed("\n".join(lines))
        parser.close()
        return "".join(parser.cleandoc).split("\n")


class _DepthLimit(Treeprocessor):
    # toc and the serializer recurse per level ("*" * 9999 + "a" + "*" * 9999 nests em, strong).
    def run(self, root):
        stack = [(root, 0)]
        while stack:
            element, depth = stack.pop()
            if depth < MAX_DEPTH:
                stack.extend((child, depth + 1) for child in element)
            elif len(element):
                element.text, element[:] = "".join(element.itertext()), []


def _nesting_limited(processor):
    # Lists and quotes parse what they hold with a recursive call per level ("+ " * 9999).
    test, state = processor.test, processor.parser.state
    processor.test = lambda parent, block: len(state) < MAX_BLOCK_NESTING and test(parent, block)


class _SiteMarkdown(Extension):
    """No h1, and Python-Markdown's work bounded wherever it grows faster than the text. Last of
    the extensions: it wraps and replaces processors the others register."""

    def extendMarkdown(self, md):
        # Before toc (priority 5) so the anchors are made for the final levels.
        md.treeprocessors.register(_NoH1(md), "no_h1", 6)
        for name in [name for name, needed in _NEEDS.items() if needed.endswith(r"\[")]:
            pattern = md.inlinePatterns[name]
            pattern.getText, pattern.getLink = _get_text(md), _get_link(md, pattern.getLink)
        blocks = md.parser.blockprocessors
        for name, attribute in [("hashheader", "RE"), ("hr", "SEARCH_RE"), ("quote", "RE")]:
            setattr(blocks[name], attribute, _NoMatchMemo(getattr(blocks[name], attribute)))
        blocks["reference"].RE = _NoMatchMemo(blocks["reference"].RE)
        for name in ("olist", "ulist", "quote"):
            _nesting_limited(blocks[name])
        blocks.register(_Tables(md.parser, blocks["table"].config), "table", 75)
        blocks.register(_Setext(md.parser), "setextheader", 60)
        fences = md.preprocessors["fenced_code_block"]
        fences.FENCED_BLOCK_RE = _Fences(fences.FENCED_BLOCK_RE)
        md.preprocessors.register(_HtmlBlocks(md), "html_block", 20)
        md.treeprocessors.register(_Inline(md), "inline", 20)
        md.treeprocessors.register(_DepthLimit(md), "depth_limit", 15)


_EXTENSION_CONFIGS = {"toc": {"permalink": False, "toc_depth": "2-4"}}
_local = threading.local()
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


def _safe_href(value):
    # Browsers drop tabs and newlines inside URLs, and Markdown turns tabs into spaces, so
    # "java<tab>script:" must be judged with all whitespace and controls removed.
    compact = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    match = _SCHEME.match(compact)
    return match is None or match.group(1) in ALLOWED_URL_SCHEMES


def _filter_attribute(tag, attribute, value):
    if tag == "code" and attribute == "class":
        # Fenced code may carry its language for styling; nothing else keeps a class.
        return value if value.startswith("language-") else None
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
        extensions = ["tables", "fenced_code", "sane_lists", "toc", _SiteMarkdown()]
        md = _local.markdown = markdown.Markdown(
            extensions=extensions, extension_configs=_EXTENSION_CONFIGS
        )
    return md.reset()


def _flatten(tokens, levels=(2, 3)):
    for token in tokens:
        if token["level"] in levels:
            yield {"level": token["level"], "id": token["id"], "name": unescape(token["name"])}
        yield from _flatten(token["children"], levels)


def render_document(text: str) -> Document:
    """Editor Markdown as safe HTML, with the headings the `toc` extension found on the way."""
    md, text = _parser(), text or ""
    md.link_scan_budget = max(LINK_SCAN_MINIMUM, LINK_SCAN_PER_CHARACTER * len(text))
    html = sanitize(md.convert(text))
    return Document(html, list(_flatten(md.toc_tokens)))


def render_markdown(text: str) -> str:
    """Render editor Markdown to safe HTML. Called on save, never per request."""
    return render_document(text).html
