"""What the guide's HTML shows, read back by its tests: matches, question, radio buttons."""

import re


def matches(html):
    return re.findall(r'<li id="match-([a-z0-9-]+)">', html)


def heading(html):
    return re.search(r'<h2 id="guide-heading"[^>]*>([^<]+)</h2>', html).group(1)


def legend(html):
    return re.search(r"<legend>([^<]+)</legend>", html).group(1)


def radios(html):
    """(name, value, checked) of each radio button, in order."""
    found = re.findall(
        r'<input type="radio" id="[^"]+" name="([^"]+)" value="([^"]*)"( checked)?>', html
    )
    return [(name, value, bool(checked)) for name, value, checked in found]


def hidden(html):
    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
