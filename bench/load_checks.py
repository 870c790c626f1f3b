"""The load bench's checks besides throughput: what a first visit transfers, revalidation, and
an edit seen at once by every worker.

Used by bench/load.py against the gunicorn it started: transfer() measures the comparison page,
its CSS and JS and the htmx fragment as sent (compressed); revalidation() repeats each public URL
with its ETag and expects an empty 304; freshness() saves a cell in another process and expects
every following request, whichever worker answers, to show it. The print_*() functions write
their tables.
"""

import gzip
import re
import subprocess
import time

from load_server import BIN, PROJECT_DIR, fetch

URL = "/compare/outsourcing-vs-offshoring/?location=abroad&performer=third-party"
PAIR_URL = "/compare/outsourcing-vs-offshoring/outsourcing-vs-offshoring/"
MAP_URL = "/compare/outsourcing-vs-offshoring/map.svg"
# What a browser sends: the site's responses are compressed when this says so.
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}
# Public URLs that must revalidate with an empty 304 (ETag + If-None-Match).
CONDITIONAL = [
    ("page", URL, {}),
    ("fragment", URL, {"HX-Request": "true"}),
    ("home", "/", {}),
    ("article", "/articles/outsourcing-vs-offshoring/", {}),
    ("embed", "/embed/compare/outsourcing-vs-offshoring/?location=abroad", {}),
    ("JSON", "/compare/outsourcing-vs-offshoring.json?location=abroad", {}),
    ("CSV", "/compare/outsourcing-vs-offshoring.csv", {}),
    ("glossary", "/glossary/", {}),
]


def decoded(headers, body):
    return gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body


def first_visit(port, url):
    """What a first visit to `url` transfers: its HTML, then each stylesheet and script it
    names, bodies as sent, with their Content-Encoding and Cache-Control."""
    status, headers, body = fetch(port, url, BROWSER)
    assert status == 200, (url, status)
    html = decoded(headers, body).decode()
    items = [("HTML", url, headers.get("Content-Encoding", "none"), len(body), "")]
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assets += re.findall(r'<script src="([^"]+)"', html)
    for asset in assets:
        status, asset_headers, asset_body = fetch(port, asset, BROWSER)
        assert status == 200, (asset, status)
        encoding = asset_headers.get("Content-Encoding", "none")
        cache_control = asset_headers.get("Cache-Control", "")
        kind = "CSS" if asset.endswith(".css") else "JS"
        items.append((kind, asset, encoding, len(asset_body), cache_control))
    return items


def transfer(port):
    """Bytes a first visit to the comparison page and to a pair page transfer, the htmx
    fragment's, and the map's (map.svg alone), compressed as sent."""
    sizes = {"first_visit": first_visit(port, URL), "pair_visit": first_visit(port, PAIR_URL)}
    for name, url, headers in [
        ("fragment", URL, {"HX-Request": "true"}),
        ("map", MAP_URL, {}),
    ]:
        status, got, body = fetch(port, url, {**BROWSER, **headers})
        assert status == 200, (url, status)
        sizes[name] = (name, url, got.get("Content-Encoding", "none"), len(body), "")
    return sizes


def revalidation(port):
    """For each public URL: its ETag, and the status and body size of a repeat with it."""
    results = []
    for name, path, headers in CONDITIONAL:
        status, first, _body = fetch(port, path, {**BROWSER, **headers})
        etag = first.get("ETag")
        again = fetch(port, path, {**BROWSER, **headers, "If-None-Match": etag or '"none"'})
        results.append((name, status, etag, again[0], len(again[2]), first.get("Cache-Control")))
    return results


def print_transfer(sizes):
    """The table of transfer()'s figures, with each first visit's total."""
    print(f"{'first visit':<10} {'path':<62} {'encoding':>8} {'bytes':>7}  cache-control")
    rows = sizes["first_visit"] + sizes["pair_visit"] + [sizes["fragment"], sizes["map"]]
    for kind, path, encoding, size, cache_control in rows:
        print(f"{kind:<10} {path[:62]:<62} {encoding:>8} {size:>7}  {cache_control}")
    for visit in ("first_visit", "pair_visit"):
        total = sum(item[3] for item in sizes[visit])
        print(f"{visit} total (HTML + CSS + JS): {total} bytes")
    print(f"fragment {sizes['fragment'][3]} bytes; map.svg {sizes['map'][3]} bytes")


def print_revalidation(conditional):
    """The table of revalidation()'s figures; True if a URL does not revalidate."""
    print(
        f"{'revalidation':<12} {'status':>6} {'etag':<38} {'repeat':>6} {'body':>5}  cache-control"
    )
    for name, status, etag, again, body, cache_control in conditional:
        print(f"{name:<12} {status:>6} {str(etag):<38} {again:>6} {body:>5}  {cache_control}")
    failed = False
    for name, status, etag, again, body, _cache_control in conditional:
        if status != 200 or not etag or again != 304 or body:
            print(f"FAILED: {name} does not revalidate with an empty 304")
            failed = True
    return failed


# Run by manage.py shell in a process of its own, as an editor's save in another worker is.
EDIT = """
from comparisons.models import Cell
cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="definition")
cell.text = "{marker}"
cell.save()
"""
FRESHNESS_REQUESTS = 40
FRESH_URL = "/compare/outsourcing-vs-offshoring/?location=abroad"  # offshoring among the columns


def freshness(port, env):
    """(requests, how many showed the edit) of a page, its fragment and an embed showing the
    cell, asked right after the cell was saved elsewhere: until then every worker held them,
    and the comparison's grid, from before."""
    asked = [
        (url, headers)
        for url in (FRESH_URL, "/embed/compare/outsourcing-vs-offshoring/?location=abroad")
        for headers in ({}, {"HX-Request": "true"})
    ]
    for url, headers in asked * 10:
        fetch(port, url, headers)
    marker = f"Saved by another process at {time.time_ns()}."
    command = [str(BIN / "python"), "manage.py", "shell", "-c", EDIT.format(marker=marker)]
    subprocess.run(command, cwd=PROJECT_DIR, env=env, check=True, stdout=subprocess.DEVNULL)
    shown = 0
    for n in range(FRESHNESS_REQUESTS):
        status, _headers, body = fetch(port, *asked[n % len(asked)])
        shown += status == 200 and marker.encode() in body
    return FRESHNESS_REQUESTS, shown


def print_freshness(fresh):
    """The line of freshness()'s figures; True if a request showed the page from before."""
    asked, shown = fresh
    print(f"edit saved in another process, then {asked} requests: {shown} showed it")
    if shown != asked:
        print("FAILED: a worker served the page from before the edit")
    return shown != asked
