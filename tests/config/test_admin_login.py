"""The admin's sign-in page says what it is for, in one heading."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_has_one_h1_naming_the_site(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    headings = re.findall(r"<h1[\s>].*?</h1>", html, re.S)
    assert len(headings) == 1
    assert f"Sign in to {settings.SITE_NAME}" in headings[0]
    # Django's form is still there.
    assert 'name="username"' in html and 'name="password"' in html
