"""The readers' correction form (/compare/<slug>/suggest/?strategy=&dimension=) and its thanks.

Not a cached public page (no `@public_page`): the form carries a CSRF token, so the response
sets that visitor's cookie and must never be shared. Posts are limited per client address, read
as django-axes reads it (`editorial.client_address`), counted in the default cache, which Redis
shares between workers in production.
"""

import ipaddress
import re
from dataclasses import dataclass

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.decorators import ratelimit

from comparisons.models import Cell, Comparison
from editorial.client_address import client_address

from .forms import SuggestionForm

# Posts per client: enough for a reader with several corrections, too few for a flood.
RATE = "5/10m"
RETRY_AFTER = 600  # seconds: at most one window of RATE
# What a strategy or dimension slug may be (SlugField, max_length 80): anything else is no cell,
# and never reaches a query (PostgreSQL refuses NUL bytes in text).
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}\Z")


class SeeOther(HttpResponseRedirect):
    # After a POST: the browser fetches the thanks page with GET, and Back does not post again.
    status_code = 303


def rate_key(group, request):
    """The client's address; an IPv6 client by its /64, which one machine usually holds whole."""
    address = client_address(request) or request.META.get("REMOTE_ADDR") or "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


@dataclass
class Target:
    """The cell a suggestion is about: the comparison, its column and row, the cell (or None
    when nobody wrote it yet)."""

    comparison: object
    strategy: object
    dimension: object
    cell: object

    @property
    def name(self):
        return f"{self.strategy.name} × {self.dimension.name}"

    @property
    def query(self):
        return "?" + urlencode({"strategy": self.strategy.slug, "dimension": self.dimension.slug})


def find_target(slug, querydict):
    """The cell the address names, in a published comparison that shows it; or None."""
    strategy_slug, dimension_slug = querydict.get("strategy", ""), querydict.get("dimension", "")
    if not (SLUG.match(strategy_slug) and SLUG.match(dimension_slug)):
        return None
    comparison = Comparison.objects.published().filter(slug=slug).first()
    if comparison is None:
        return None
    strategy = comparison.strategies.filter(slug=strategy_slug).first()
    dimension = comparison.dimensions.filter(slug=dimension_slug).first()
    if strategy is None or dimension is None:
        return None
    cell = Cell.objects.filter(strategy=strategy, dimension=dimension).first()
    return Target(comparison, strategy, dimension, cell)


def _missing(request):
    return render(request, "corrections/missing.html", status=404)


def _limited(request, target):
    context = {"target": target, "comparison": target.comparison}
    response = render(request, "corrections/limited.html", context, status=429)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(key=rate_key, rate=RATE, method="POST", block=False)
def suggest(request, slug):
    target = find_target(slug, request.GET)
    if target is None:
        return _missing(request)
    if request.method == "POST":
        if request.limited:
            return _limited(request, target)
        form = SuggestionForm(request.POST)
        thanks = SeeOther(reverse("corrections:thanks", args=[slug]) + target.query)
        if form.is_trap():
            return thanks  # a bot: thanked like anyone, nothing stored
        if form.is_valid():
            form.save_for(target.comparison, target.strategy, target.dimension, target.cell)
            return thanks
    else:
        form = SuggestionForm()
    context = {"target": target, "comparison": target.comparison, "form": form, "nav": "compare"}
    return render(request, "corrections/suggest.html", context)


@never_cache
@require_safe
def thanks(request, slug):
    comparison = get_object_or_404(Comparison.objects.published(), slug=slug)
    # The row to go back to, when the address still names one of this comparison's cells.
    target = find_target(slug, request.GET)
    context = {"comparison": comparison, "target": target, "nav": "compare"}
    return render(request, "corrections/thanks.html", context)
