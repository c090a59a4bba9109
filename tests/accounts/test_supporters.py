"""Who shows a "Supporter" badge: the reader chose to, and gave recently enough."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parley.accounts import supporters

pytestmark = pytest.mark.django_db


@pytest.fixture
def giver(django_user_model):
    return django_user_model.objects.create_user(
        "giver", email="giver@example.org", supported_at=timezone.now()
    )


def test_the_badge_is_off_until_the_reader_chooses_it(giver):
    """A gift alone shows nothing: the default is off."""
    assert giver.shows_supporter_badge is False
    assert supporters.gave_recently(giver)
    assert not supporters.shows_badge(giver)
    assert not supporters.badge_holders().filter(pk=giver.pk).exists()
    giver.shows_supporter_badge = True
    giver.save()
    assert supporters.shows_badge(giver)
    assert list(supporters.badge_holders()) == [giver]


def test_a_gift_older_than_the_setting_shows_no_badge(giver, settings):
    settings.PARLEY_SUPPORTER_BADGE_DAYS = 30
    giver.shows_supporter_badge = True
    giver.supported_at = timezone.now() - timedelta(days=30, minutes=1)
    giver.save()
    assert not supporters.shows_badge(giver)
    assert not supporters.badge_holders().exists()
    # As of a moment when the gift was recent, it did show.
    earlier = timezone.now() - timedelta(minutes=2)
    assert supporters.shows_badge(giver, at=earlier)
    assert supporters.badge_holders(earlier).filter(pk=giver.pk).exists()


def test_a_reader_who_never_gave_shows_no_badge(django_user_model):
    reader = django_user_model.objects.create_user(
        "chooser", shows_supporter_badge=True
    )
    assert not supporters.shows_badge(reader)
    assert not supporters.badge_holders().exists()


def test_a_deactivated_account_shows_no_badge(giver):
    giver.shows_supporter_badge = True
    giver.is_active = False
    giver.save()
    assert not supporters.shows_badge(giver)
    assert not supporters.badge_holders().exists()


def test_zero_days_turns_badges_off(giver, settings):
    settings.PARLEY_SUPPORTER_BADGE_DAYS = 0
    giver.shows_supporter_badge = True
    giver.save()
    assert not supporters.badges_are_on()
    assert supporters.badge_cutoff() is None
    assert not supporters.shows_badge(giver)
    assert not supporters.badge_holders().exists()
    assert supporters.supporter_status(giver) is None


def test_the_status_says_until_when_a_badge_can_show(giver, settings):
    settings.PARLEY_SUPPORTER_BADGE_DAYS = 10
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    giver.supported_at = noon - timedelta(days=2)
    status = supporters.supporter_status(giver)
    assert status == supporters.SupporterStatus(
        days=10, ends_on=noon.date() + timedelta(days=8), shown=False
    )
    giver.shows_supporter_badge = True
    assert supporters.supporter_status(giver).shown is True
    giver.supported_at = noon - timedelta(days=11)
    assert supporters.supporter_status(giver) == supporters.SupporterStatus(
        days=10, ends_on=None, shown=False
    )
