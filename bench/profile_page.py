"""Where a page's time goes: cProfile of in-process requests, on bench/render.py's data.

Run from the project directory: `.venv/bin/python bench/profile_page.py [--hit] [--large]
[--fragment] [--edited] [--runs N] [--top N]`. Without --hit every request misses the page
cache (the cache is emptied outside the profile), as a new filter combination does; --edited
forgets the kept grids too, as the first request after an edit. Prints the functions that
take the most time, their own and with their callees, and the template variable lookups per
request (Variable._resolve_lookup calls).
"""

import argparse
import cProfile
import io
import pstats
import random

import render  # sets up Django on a throwaway database, as bench/render.py does
from django.core.management import call_command
from django.test import Client, override_settings


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hit", action="store_true", help="profile page cache hits")
    parser.add_argument("--large", action="store_true", help="the 40 x 30 comparison")
    parser.add_argument("--fragment", action="store_true", help="the htmx fragment")
    parser.add_argument(
        "--edited", action="store_true", help="forget the kept grids too, as after an edit"
    )
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--top", type=int, default=30)
    return parser.parse_args()


def profile(client, url, headers, runs, hit, edited):
    for _ in range(5):
        assert client.get(url, headers=headers).status_code == 200
    profiler = cProfile.Profile()
    for _ in range(runs):
        if not hit:
            render.empty_cache(edited)
        profiler.enable()
        client.get(url, headers=headers)
        profiler.disable()
    return pstats.Stats(profiler, stream=io.StringIO())


def main():
    args = parse_args()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_starter", stdout=io.StringIO())
    render.make_large_comparison(random.Random(42))
    slug, query = render.LARGE if args.large else render.STARTER
    headers = render.BROWSER | ({"HX-Request": "true"} if args.fragment else {})
    client = Client()
    # The code fingerprint (read once) hashes the site's own URLconf package, not the bench's.
    client.get("/compare/")
    with override_settings(ROOT_URLCONF="bench.hello_urls"):
        url = f"/compare/{slug}/?{query}"
        stats = profile(client, url, headers, args.runs, args.hit, args.edited)
    lookups = sum(
        calls
        for (_file, _line, name), (_cc, calls, *_rest) in stats.stats.items()
        if name == "_resolve_lookup"
    )
    print(f"{slug}?{query}, {'hit' if args.hit else 'miss'}, {args.runs} requests")
    print(f"template variable lookups per request: {lookups / args.runs:.0f}")
    print(f"seconds per request: {stats.total_tt / args.runs * 1000:.3f} ms (under the profiler)")
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats.stream = out
        stats.sort_stats(order).print_stats(args.top)
        print(out.getvalue().split("\n", 6)[-1])


if __name__ == "__main__":
    main()
