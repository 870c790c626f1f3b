"""oEmbed for the parts of a comparison (pair pages, pair and map embeds) and for pinned
versions: the title and the snippet a consumer such as a blog engine gets."""

import re
from urllib.parse import urlencode

import pytest

from changelog.models import Version
from comparisons.models import Comparison

pytestmark = pytest.mark.django_db

MODELS = "sourcing-models"
PAIR_PAGE = f"/compare/{MODELS}/offshoring-vs-nearshoring/"
PAIR_EMBED = f"/embed/compare/{MODELS}/offshoring-vs-nearshoring/"
MAIN = "outsourcing-vs-offshoring"
MAP_EMBED = f"/embed/compare/{MAIN}/map/"


def oembed(client, path):
    return client.get("/oembed/?" + urlencode({"url": "http://testserver" + path}))


def iframe_src(data):
    return re.search(r'<iframe src="([^"]+)"', data["html"]).group(1)


@pytest.mark.parametrize(
    "path",
    [
        PAIR_PAGE + "?location=abroad",
        PAIR_EMBED + "?location=abroad",
        # The other order is the same pair.
        f"/compare/{MODELS}/nearshoring-vs-offshoring/?location=abroad",
    ],
)
def test_oembed_of_a_pair_embeds_the_pair_under_its_title(client, starter, path):
    response = oembed(client, path)
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert data["title"] == "Offshoring vs. nearshoring"
    assert 'title="Offshoring vs. nearshoring (comparison table)"' in data["html"]
    assert iframe_src(data) == "http://testserver" + PAIR_EMBED + "?location=abroad"
    assert '<script src="http://testserver/embed.js" async></script>' in data["html"]
    comparison = Comparison.objects.get(slug=MODELS)
    assert data["comparison_version"] == comparison.public_version


def test_oembed_of_a_pair_keeps_the_embed_flags_and_drops_pick(client, starter):
    data = oembed(client, PAIR_EMBED + "?theme=dark&controls=0&pick=in-house").json()
    assert iframe_src(data) == "http://testserver" + PAIR_EMBED + "?theme=dark&amp;controls=0"


def test_oembed_of_the_map_embeds_the_map(client, starter):
    data = oembed(client, MAP_EMBED + "?pick=offshoring&theme=dark").json()
    assert data["title"] == "Map: Outsourcing vs. offshoring"
    assert 'title="Map: Outsourcing vs. offshoring"' in data["html"]
    assert iframe_src(data) == "http://testserver" + MAP_EMBED + "?pick=offshoring&amp;theme=dark"


@pytest.mark.parametrize(
    "path",
    [
        f"/compare/{MODELS}/offshoring-vs-nobody/",
        f"/embed/compare/{MODELS}/offshoring-vs-offshoring/",
        "/embed/compare/no-such-table/offshoring-vs-nearshoring/",
        "/embed/compare/no-such-table/map/",
        f"/compare/{MAIN}/map.svg",  # an image, not an embed
    ],
)
def test_oembed_of_a_part_that_is_not_there_is_404(client, starter, path):
    assert oembed(client, path).status_code == 404


def test_oembed_of_the_map_of_a_comparison_without_one_is_404(client, starter):
    Comparison.objects.filter(slug=MAIN).update(map_across=None, map_down=None)
    assert oembed(client, MAP_EMBED).status_code == 404


@pytest.fixture
def renamed(starter, django_capture_on_commit_callbacks):
    """Version 2 of the main comparison: a new title."""
    comparison = Comparison.objects.get(slug=MAIN)
    with django_capture_on_commit_callbacks(execute=True):
        comparison.title = "Outsourcing or offshoring?"
        comparison.save()
    assert Version.objects.filter(comparison=comparison).count() == 2


def test_oembed_of_a_pinned_url_has_that_versions_title(client, renamed):
    first = oembed(client, f"/embed/compare/{MAIN}/v/1/").json()
    assert first["title"] == "Outsourcing vs. offshoring"
    # The frame is named by the version's title too, not today's.
    assert 'title="Outsourcing vs. offshoring (comparison table)"' in first["html"]
    assert first["comparison_version"] == 1
    second = oembed(client, f"/embed/compare/{MAIN}/v/2/").json()
    assert second["title"] == "Outsourcing or offshoring?"
    assert oembed(client, f"/compare/{MAIN}/").json()["title"] == "Outsourcing or offshoring?"
