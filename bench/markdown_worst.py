"""Worst-case Markdown: the hardest inputs known, each at its field's maximum length, rendered.

Run from the project directory: `.venv/bin/python bench/markdown_worst.py` (`make bench` runs
it through bench/report.py). Every Markdown field of every content model is tried with every
input of INPUTS, cut to the field's `max_length` (editorial.rendering.Markdown), through the
real pipeline (`render_text`: shortcodes, Python-Markdown, nh3, glossary links with the starter
glossary). Prints each field's worst input and the overall worst, in seconds and as a ratio to
rendering a normal document of the same length in the same run. Target: under one second.
Needs no database: the glossary is read from its starter file.

INPUTS is also what tests/editorial/test_markdown_limits.py renders.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402
from django.apps import apps  # noqa: E402

if not apps.ready:  # imported by the tests, Django is set up already
    django.setup()

from editorial import registry  # noqa: E402
from editorial.rendering import render_text  # noqa: E402
from editorial.terms import Matcher  # noqa: E402
from glossary.models import Term  # noqa: E402
from glossary.starter import FIELDS, read_terms  # noqa: E402

LIMIT_SECONDS = 1.0
RECHECKED = 5  # the slowest inputs of a field, timed again (median of REPEATS)
REPEATS = 3


def repeat(unit):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def lines(line):
    return repeat(line + "\n")


def nested(opening, closing):
    """opening * k + closing * k: everything inside everything else."""
    return lambda n: (opening * (n // 2 // len(opening)) + closing * n)[:n]


def pyramid(n):
    side = "*" * ((n - 1) // 2)
    return f"{side}a{side}" + "*" * ((n - 1) % 2)


def numbered(line):
    return lambda n: "".join(line.format(i) + "\n" for i in range(n))[:n]


def indented_list(n):
    return "".join(" " * (4 * (i % 100)) + "- a\n" for i in range(n // 4))[:n]


def scattered(n):
    pick = random.Random(1).choice
    return "".join(pick("[]()*_`<>&!#-=|\\ \na:/\"'~") for _ in range(n))


NORMAL = """## Costs and risks

Offshoring moves **work** to another country; outsourcing hands it to another *company*.
See [the comparison](/compare/outsourcing-vs-offshoring/) and the `code` below.

- Nearshoring keeps time zones close.
- Captive centres keep the work in-house, abroad.

> A quote about reshoring, with a [link](https://example.com/a "title").

| Strategy | Who does it |
|---|---|
| Offshoring | own staff abroad |

"""

INPUTS = {
    # Links, images, references: Python-Markdown looks for the "]" and ")" from every "[".
    "[ run": repeat("["),
    "] run": repeat("]"),
    "( run": repeat("("),
    ") run": repeat(")"),
    "![ run": repeat("!["),
    "[a]( run": repeat("[a]("),
    "[]( run": repeat("[]("),
    "[a][ run": repeat("[a]["),
    "[[...]] nested brackets": nested("[", "]"),
    "[a[a...](b) nested links": nested("[a", "](b)"),
    "[a](b 'x unclosed titles": repeat("[a](b 'x "),
    "[[compare lines": lines("[[compare"),
    "[[compare shortcodes": lines("[[compare outsourcing-vs-offshoring location=abroad]]"),
    "[[compare and spaces": lambda n: ("[[compare" + " " * n)[:n],
    "link references": numbered("[r{0}]: /x{0}"),
    "reference uses": lambda n: (repeat("[a][b] ")(n) + "\n\n[b]: /x\n")[-n:],
    "<![CDATA[ run": repeat("<![CDATA["),
    # Emphasis.
    "* run": repeat("*"),
    "_ run": repeat("_"),
    "*a run": repeat("*a "),
    "emphasis pyramid": pyramid,
    "**a* run": repeat("**a*"),
    "*a _a nesting": nested("*a _a ", "a_ a* "),
    # Code.
    "` run": repeat("`"),
    "` `` runs": repeat("` `` "),
    "``` lines": lines("```"),
    "```a unclosed fences": lines("```a"),
    "~~~ lines": lines("~~~"),
    # Raw HTML, entities, escapes.
    "< run": repeat("<"),
    "<a<a run": repeat("<a"),
    "<a> run": repeat("<a>"),
    "<a x=' run": repeat("<a x='"),
    "<a@b run": repeat("<a@b "),
    "<http:// run": repeat("<http://a"),
    "<!-- run": repeat("<!--"),
    "</a run": repeat("</a"),
    "<x> nesting": repeat("<x>"),
    "<div> nesting": repeat("<div>"),
    "& run": repeat("&"),
    "&# run": repeat("&#"),
    "\\ run": repeat("\\"),
    # Blocks.
    ">>> nested quotes": repeat(">"),
    "> > > nested quotes": repeat("> "),
    "+ + + nested lists": repeat("+ "),
    "1. 1. nested lists": repeat("1. "),
    "1. - nested lists": repeat("1. - "),
    "indented lists": indented_list,
    "setext headings": lines("*\n==="),
    "--- lines": lines("---"),
    "## lines": lines("## *"),
    "table rows": lambda n: ("|a|b|\n|-|-|\n" + lines("|a*|b*|")(n))[:n],
    "table columns": lambda n: (repeat("|a")(n // 2) + "\n" + repeat("|-")(n))[:n],
    "hard breaks": lines("a  "),
    "short paragraphs": repeat("*\n\n"),
    "long line": repeat("offshoring outsourcing nearshoring "),
    "long word": repeat("a"),
    "scattered punctuation": scattered,
}


def normal_document(n):
    """Ordinary Markdown of length `n`: headings, emphasis, links, lists, a quote, a table."""
    return repeat(NORMAL)(n)


def fields():
    """(label, Markdown field spec) of every Markdown field of every content model."""
    return [
        (f"{model.__name__}.{field.source}", field)
        for model in registry.models()
        for field in getattr(model, "markdown_fields", [])
    ]


def starter_matcher():
    """The starter glossary, as terms never saved: links as on the site, no database."""
    return Matcher(
        Term(**{name: entry.get(name, "").strip() for name in FIELDS}) for entry in read_terms()
    )


def timed(text, field, matcher):
    start = time.perf_counter()
    render_text(text, field, matcher)
    return time.perf_counter() - start


def median_time(text, field, matcher):
    return statistics.median(timed(text, field, matcher) for _ in range(REPEATS))


def measure(label, field, matcher):
    """Every input at the field's maximum length; the slowest timed again. The worst one."""
    n = field.max_length
    first = {name: timed(make(n), field, matcher) for name, make in INPUTS.items()}
    slowest = sorted(first, key=first.get, reverse=True)[:RECHECKED]
    again = {name: median_time(INPUTS[name](n), field, matcher) for name in slowest}
    worst = max(again, key=again.get)
    normal = median_time(normal_document(n), field, matcher)
    return {
        "field": label,
        "input": worst,
        "length": len(INPUTS[worst](n)),
        "seconds": again[worst],
        "normal_seconds": normal,
        "ratio": again[worst] / normal,
    }


def print_results(results, worst):
    print(f"{len(INPUTS)} inputs per field, each at the field's maximum length\n")
    header = f"{'field':20} {'length':>7}  {'worst input':28} {'seconds':>8} {'normal':>8} ratio"
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['field']:20} {r['length']:>7}  {r['input']:28} {r['seconds']:>8.3f} "
            f"{r['normal_seconds']:>8.3f} {r['ratio']:5.1f}"
        )
    verdict = "pass" if worst["seconds"] < LIMIT_SECONDS else "FAIL"
    print(
        f"\nworst: {worst['input']!r} in {worst['field']}, {worst['length']} characters, "
        f"{worst['seconds']:.3f} s; a normal document as long: {worst['normal_seconds']:.3f} s "
        f"(ratio {worst['ratio']:.1f}); target under {LIMIT_SECONDS:g} s: {verdict}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    matcher = starter_matcher()
    specs = fields()
    timed(normal_document(1000), specs[0][1], matcher)  # the parser is built on first use
    results = [measure(label, field, matcher) for label, field in specs]
    worst = max(results, key=lambda r: r["seconds"])
    print_results(results, worst)
    if args.json:
        args.json.write_text(json.dumps({"fields": results, "worst": worst}, indent=2))


if __name__ == "__main__":
    main()
