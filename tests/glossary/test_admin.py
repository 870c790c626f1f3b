import pytest
from django.urls import reverse

from glossary.models import Term

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Nearshoring",
    "slug": "nearshoring",
    "also_known_as": "nearshore outsourcing",
    "short_definition": "Offshoring to a nearby country.",
    "definition": "Close to **home**.",
}


def test_staff_add_a_term_then_change_it(staff_client):
    response = staff_client.post(reverse("admin:glossary_term_add"), VALID)
    assert response.status_code == 302, response.content.decode()
    term = Term.objects.get(slug="nearshoring")
    assert term.definition_html == "<p>Close to <strong>home</strong>.</p>"

    change = reverse("admin:glossary_term_change", args=[term.pk])
    page = staff_client.get(change).content.decode()
    assert "View on site" in page
    assert "Other names for the same thing" in page  # help text
    response = staff_client.post(change, {**VALID, "definition": "Nearby."})
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.definition_html == "<p>Nearby.</p>"


def test_changelist_and_search(staff_client, make_term):
    make_term("Reshoring", short_definition="Bringing work home.")
    make_term("Offshoring")
    page = staff_client.get(reverse("admin:glossary_term_changelist"), {"q": "home"})
    html = page.content.decode()
    assert "Reshoring" in html and "Bringing work home." in html
    assert ">Offshoring<" not in html


def test_invalid_form_explains_what_to_fix(staff_client, make_term):
    make_term("Out-staffing", also_known_as="staff leasing")
    response = staff_client.post(
        reverse("admin:glossary_term_add"),
        {
            "name": "",
            "slug": "not a slug!",
            "also_known_as": "Staff leasing",
            "short_definition": "x" * 301,
            "definition": "",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) >= {"name", "slug", "short_definition", "definition"}
    html = response.content.decode()
    assert "This field is required." in html
    assert "Enter a valid “slug”" in html
    assert "Ensure this value has at most 300 characters (it has 301)." in html
    assert Term.objects.count() == 1


def test_a_synonym_taken_by_another_term_is_a_readable_error(staff_client, make_term):
    make_term("Out-staffing", also_known_as="staff leasing")
    response = staff_client.post(
        reverse("admin:glossary_term_add"), {**VALID, "also_known_as": "Staff leasing"}
    )
    assert response.status_code == 200
    assert "“Staff leasing” is already used by the term “Out-staffing”." in (
        response.content.decode()
    )


def test_anonymous_users_cannot_reach_the_admin(client):
    response = client.get(reverse("admin:glossary_term_add"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
