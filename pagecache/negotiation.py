"""Whether a client accepts a gzipped body: Accept-Encoding with its q-values (RFC 9110, 12.5.3).

Looking for the word "gzip" is not enough: `gzip;q=0` means "never gzip", and `*` accepts gzip
without naming it.
"""

import math
from functools import lru_cache

GZIP_NAMES = ("gzip", "x-gzip")


# Asked twice for every public response (the page cache, the gzip middleware), and browsers
# send a handful of distinct headers: each is parsed once. Bounded, as clients choose them.
@lru_cache(maxsize=256)
def accepts_gzip(header):
    """Whether `header` (an Accept-Encoding value) lets the response be gzipped.

    gzip's own q-value decides if the header names it, else that of `*`; a coding the header
    does not name is not acceptable (an empty or missing header asks for no encoding).
    """
    named = wildcard = None
    for coding, quality in _codings(header or ""):
        if coding in GZIP_NAMES:
            named = quality if named is None else max(named, quality)
        elif coding == "*":
            wildcard = quality
    quality = named if named is not None else wildcard
    return quality is not None and quality > 0


def _codings(header):
    for item in header.split(","):
        coding, *parameters = item.split(";")
        coding = coding.strip().lower()
        if coding:
            yield coding, _quality(parameters)


def _quality(parameters):
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            return _qvalue(value.strip())
    return 1.0


def _qvalue(text):
    # A q-value is 0 to 1 with up to three decimals; anything unreadable counts as 0, so a
    # garbled header never gets an encoding it may not understand.
    try:
        value = float(text)
    except ValueError:
        return 0.0
    if not math.isfinite(value):
        return 0.0
    return min(max(value, 0.0), 1.0)
