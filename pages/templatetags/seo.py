"""Findability: canonical addresses, shared page metadata and JSON-LD.

The template tags of `{% load seo %}`:

- ``{% capture name %}…{% endcapture %}`` renders its content once and keeps it as ``name``,
  so ``base.html`` can use one ``{% block title %}`` for ``<title>``, Open Graph and Twitter.
- ``{% absolute_url path %}``: the absolute address of a path on this site; with no path, the
  current page without its query string (the default canonical address).
- ``{% structured_data obj %}``: JSON-LD for an article (``Article``), and a
  ``BreadcrumbList`` for an article, a comparison or a glossary term. For a comparison,
  ``{% structured_data comparison sources=… %}`` adds its ``WebPage``, citing the sources.
- ``{% jsonld data %}``: any dict as a ``<script type="application/ld+json">`` element.
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.encoding import escape_uri_path
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Inside <script>, "</script>" or "<!--" in a string would end or change the element: JSON
# allows these characters as \u escapes, which mean the same once parsed.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

# Breadcrumb trail per model: the section's name and the URL name of its list page.
_SECTIONS = {
    "content.Article": ("Articles", "content:article_list", "title"),
    "comparisons.Comparison": ("Compare", "comparisons:list", "title"),
    "glossary.Term": ("Glossary", "glossary:list", "name"),
}


def _absolute(request, path):
    return request.build_absolute_uri(path)


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # Rendered template output is already escaped; collapse whitespace for attributes.
        context[self.name] = SafeString(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}…{% endcapture %}: render once, use as {{ name }} afterwards."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("'capture' takes one argument: a variable name.")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    """The absolute address of `path`; by default, this page's without its query string."""
    request = context.get("request")
    if request is None:
        return ""
    if path is None:
        path = escape_uri_path(request.path)
    return _absolute(request, path)


def jsonld_script(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    text = text.translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.simple_tag
def jsonld(data):
    return jsonld_script(data)


def organization(request):
    return {"@type": "Organization", "name": settings.SITE_NAME, "url": _absolute(request, "/")}


def article_data(request, article):
    url = _absolute(request, article.get_absolute_url())
    modified = article.last_modified
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title,
        "description": article.summary,
        "datePublished": article.published_at.isoformat(),
        "dateModified": modified.isoformat(),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": "en",
        "author": organization(request),
        "publisher": organization(request),
    }


def citation(source):
    """A source as a schema.org CreativeWork, for a `citation` list."""
    work = {"@type": "CreativeWork", "name": source.title, "url": source.url}
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.published:
        work["datePublished"] = source.published.isoformat()
    return work


def comparison_data(request, comparison, sources):
    """The comparison's page, with what its cells cite and when an editor last reviewed it."""
    data = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": comparison.title,
        "url": _absolute(request, comparison.get_absolute_url()),
        "inLanguage": "en",
    }
    if comparison.reviewed_at:
        data["lastReviewed"] = comparison.reviewed_at.isoformat()
    if sources:
        data["citation"] = [citation(source) for source in sources]
    return data


def breadcrumb_data(request, obj):
    section, list_url_name, name_attribute = _SECTIONS[obj._meta.label]
    trail = [
        (section, reverse(list_url_name)),
        (getattr(obj, name_attribute), obj.get_absolute_url()),
    ]
    return trail_data(request, trail)


def trail_data(request, trail):
    """A BreadcrumbList from Home along `trail`, a list of (name, path)."""
    trail = [("Home", reverse("home")), *trail]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": _absolute(request, path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


@register.simple_tag(takes_context=True)
def breadcrumbs(context, trail):
    """JSON-LD BreadcrumbList for a page that is not a model's (a pair page): `trail` is its
    path from the section down, as (name, path) pairs."""
    request = context.get("request")
    return jsonld_script(trail_data(request, trail)) if request is not None else ""


@register.simple_tag(takes_context=True)
def structured_data(context, obj, sources=()):
    """JSON-LD for an article, comparison (with the `sources` its cells cite) or glossary term
    page."""
    request = context.get("request")
    if request is None or obj is None or obj._meta.label not in _SECTIONS:
        return ""
    scripts = []
    if obj._meta.label == "content.Article":
        scripts.append(jsonld_script(article_data(request, obj)))
    elif obj._meta.label == "comparisons.Comparison":
        scripts.append(jsonld_script(comparison_data(request, obj, sources)))
    scripts.append(jsonld_script(breadcrumb_data(request, obj)))
    return mark_safe("\n  ".join(scripts))
