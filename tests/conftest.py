import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from comparisons.cache_keys import dimension_slugs
from comparisons.grid import live_grids
from pagecache.decorators import local_cache
from pagecache.listener import listener
from tests.starter_snapshot import load_starter


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Every test starts with an empty page cache: a test's database rolls back, so the content
    version it ends with comes again in the next test, with other content."""
    cache.clear()
    local_cache.clear()
    dimension_slugs.cache_clear()
    live_grids.clear()
    listener.forget()  # a flushed database announces nothing
    yield
    listener.forget()  # its connection would keep the test database from being dropped


@pytest.fixture
def starter(db):
    """The starter content that ships with the site, as `make run` loads it."""
    load_starter()


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="editor", password="a-long-test-password", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def second_editor(django_user_model):
    """Another editor in another browser (staff_client is the first)."""
    user = django_user_model.objects.create_user(
        username="second", password="a-long-test-password", is_staff=True, is_superuser=True
    )
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def editor_client(client, django_user_model):
    """Signed in as a member of the Editors group (editorial.editors), not a superuser."""
    user = django_user_model.objects.create_user(
        username="member", password="a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    client.user = user
    return client
