"""The readers' form: what it accepts, and what it refuses with a message."""

import pytest

from corrections.forms import SuggestionForm
from tests.corrections.common import suggestion_data


def errors(**overrides):
    form = SuggestionForm(suggestion_data(**overrides))
    return {} if form.is_valid() else form.errors


def test_a_correction_with_a_source_and_an_email_is_valid():
    assert errors() == {}


def test_only_the_text_is_required():
    assert errors(source_url="", email="") == {}
    assert errors(text="  ")["text"] == ["Write what should change."]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("text", "x" * 5001),
        ("source_url", "https://example.org/" + "a" * 2000),
        ("email", "a" * 250 + "@example.org"),
    ],
)
def test_each_field_has_a_size_limit(field, value):
    assert field in errors(**{field: value})


@pytest.mark.parametrize("field", ["text", "source_url", "email"])
def test_a_nul_byte_is_refused_in_every_field(field):
    # PostgreSQL refuses NUL bytes in text: the form says so before the database would fail.
    assert "Null characters are not allowed." in errors(**{field: "a\x00b"})[field]


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "ftp://example.org/file", "data:text/html,hi", "file:///etc/passwd"],
)
def test_the_source_must_be_a_web_address(url):
    assert "source_url" in errors(source_url=url)


def test_markup_is_kept_as_plain_text():
    form = SuggestionForm(suggestion_data(text="<script>alert(1)</script> **bold**"))
    assert form.is_valid()
    assert form.cleaned_data["text"] == "<script>alert(1)</script> **bold**"


def test_a_filled_honeypot_is_a_trap_valid_or_not():
    assert SuggestionForm(suggestion_data(website="http://spam.example")).is_trap()
    assert SuggestionForm({"website": "x"}).is_trap()
    assert not SuggestionForm(suggestion_data()).is_trap()
