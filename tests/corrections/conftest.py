import pytest
from django.contrib.auth.models import Group
from django.test import Client

from editorial.editors import GROUP


@pytest.fixture
def editor_client(django_user_model):
    """A member of the Editors group (staff, not a superuser), signed in."""
    user = django_user_model.objects.create_user(
        username="writer", password="a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=GROUP))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the change log), as a real request would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
