import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the change log), as a real request would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
