"""Read what search engines and link previews read from a page's <head>."""

import json
from html.parser import HTMLParser

SUFFIX = " · Sourcing Explained"


class Head(HTMLParser):
    """The title, meta tags, link tags and JSON-LD blocks of an HTML page."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.title = None
        self.meta = {}
        self.links = []
        self.jsonld_texts = []
        self._in = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title" and self.title is None:
            self._in, self.title = "title", ""
        elif tag == "meta" and ("name" in attrs or "property" in attrs):
            key = attrs.get("name") or attrs.get("property")
            assert key not in self.meta, f"{key} appears twice"
            self.meta[key] = attrs.get("content")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "jsonld"
            self.jsonld_texts.append("")

    def handle_endtag(self, tag):
        if tag in ("title", "script"):
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "jsonld":
            self.jsonld_texts[-1] += data

    @property
    def canonical(self):
        found = [link["href"] for link in self.links if link.get("rel") == "canonical"]
        assert len(found) <= 1
        return found[0] if found else None

    @property
    def jsonld(self):
        return [json.loads(text) for text in self.jsonld_texts]

    def jsonld_of_type(self, kind):
        found = [data for data in self.jsonld if data.get("@type") == kind]
        assert len(found) == 1, f"expected one {kind}, found {len(found)}"
        return found[0]


def head_of(client, url, status=200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, url
    return Head(response.content.decode())
