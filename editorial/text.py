"""Stored HTML as plain text, for excerpts, descriptions and term matching."""

from html import unescape

from django.utils.html import strip_tags


def plain_text(html):
    """The text of rendered Markdown, without markup or entities, whitespace folded.
    (Rendered blocks are separated by newlines, so words of two paragraphs never join.)"""
    return " ".join(unescape(strip_tags(html or "")).split())
