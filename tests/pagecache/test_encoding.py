"""Gzip only for clients that accept it, as Accept-Encoding says with its q-values."""

import gzip

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from pagecache.middleware import PublicGZipMiddleware
from pagecache.negotiation import accepts_gzip
from tests.pagecache.cached import rendered

PAGE = "/compare/outsourcing-vs-offshoring/"


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip", True),
        ("gzip, deflate, br", True),
        ("GZIP", True),
        ("x-gzip", True),
        ("gzip;q=0.5", True),
        ("gzip; q=0.001", True),
        ("*", True),
        ("br, *;q=0.1", True),
        ("*;q=0, gzip", True),
        ("gzip;q=0", False),
        ("gzip;q=0.0", False),
        ("gzip; Q=0.000", False),
        ("deflate, gzip;q=0", False),
        ("gzip;q=0, *", False),
        ("*;q=0", False),
        ("identity", False),
        ("identity, br", False),
        ("", False),
        (None, False),
        ("gzip;q=nonsense", False),
        ("gzip;q=nan", False),
        ("notgzip, gzipped", False),
    ],
)
def test_accept_encoding_is_read_with_its_q_values(header, accepted):
    assert accepts_gzip(header) is accepted


@pytest.mark.parametrize("header", ["gzip;q=0", "identity", "*;q=0", "deflate, gzip;q=0"])
def test_cached_pages_are_not_gzipped_for_clients_that_refuse_it(client, starter, header):
    miss, hit = [client.get(PAGE, headers={"Accept-Encoding": header}) for _ in range(2)]
    assert rendered(miss) and not rendered(hit)
    plain = client.get(PAGE)
    for response in (miss, hit):
        assert "Content-Encoding" not in response
        assert response.content == plain.content
        assert "Accept-Encoding" in response["Vary"]


@pytest.mark.parametrize(("header", "gzipped"), [("gzip;q=0.5", True), ("gzip;q=0", False)])
def test_other_responses_follow_q_values_too(header, gzipped):
    request = RequestFactory().get("/anything/", headers={"Accept-Encoding": header})
    response = PublicGZipMiddleware(lambda request: HttpResponse("x" * 1000))(request)
    assert ("Content-Encoding" in response) is gzipped
    assert response["Vary"] == "Accept-Encoding"
    body = gzip.decompress(response.content) if gzipped else response.content
    assert body == b"x" * 1000
