"""The security suite borrows the browser suite's Chromium and live server."""

import pytest

from tests.browser.conftest import browser, live_server, other_origin  # noqa: F401
from tests.moderation.conftest import _member


@pytest.fixture
def moderator(django_user_model):
    return _member(django_user_model, "mona", "Moderators")
