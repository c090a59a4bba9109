import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test's database starts over, so thread versions repeat: start caches
    over too (in production versions only grow, unless a backup is restored)."""
    from parley.api.caching import local_pages
    from parley.core.pages import local_pages as shared_pages

    cache.clear()
    local_pages.clear()
    shared_pages.clear()
    yield
    cache.clear()
    local_pages.clear()
    shared_pages.clear()


@pytest.fixture
def api_client(client):
    """A Django test client for the JSON API, without cookies (not a browser)."""
    return client


@pytest.fixture
def editor_client(client, django_user_model):
    """The test client, signed in as a superuser (the newsroom's editor)."""
    client.force_login(
        django_user_model.objects.create_superuser("ed", "e@x.org", "pw")
    )
    return client


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        username="staffer",
        password="pw-staff-123",
        is_staff=True,
        first_name="Sta",
        last_name="Ffer",
    )


@pytest.fixture
def reader_user(django_user_model):
    return django_user_model.objects.create_user(
        username="reader", password="pw-reader-123", email="reader@example.org"
    )


@pytest.fixture
def full_intake(settings):
    """Run every intake check production runs, bot protection included."""
    from parley.config.settings.base import BOT_PROTECTION_CHECKS, CONTENT_CHECKS

    settings.PARLEY_INTAKE_CHECKS = BOT_PROTECTION_CHECKS + CONTENT_CHECKS
    settings.PARLEY_THROTTLE = "parley.protection.throttle.throttle"
    return settings
