from django.db import models
from django.utils.translation import gettext_lazy as _


class SpentChallenge(models.Model):
    """
    A proof-of-work challenge whose solution has been used once.

    ALTCHA keeps no such record, so without it one solution would buy any number
    of posts until it expires. Kept until the challenge itself expires; after
    that its signature check refuses it anyway.
    """

    # The challenge's hash: HMAC-signed by us, so one per issued challenge.
    challenge = models.CharField(max_length=128, unique=True)
    expires_at = models.DateTimeField(db_index=True)
    spent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("spent challenge")
        verbose_name_plural = _("spent challenges")

    def __str__(self) -> str:
        return self.challenge[:16]


class RateCounter(models.Model):
    """
    One fixed-window counter of the `limits` library, when no Redis is configured.

    Written only through one upsert statement (ratelimits.DatabaseStorage.incr);
    `expires_at` is a unix time, as `limits` deals in them.
    """

    key = models.CharField(max_length=255, primary_key=True)
    count = models.BigIntegerField(default=0)
    expires_at = models.FloatField(db_index=True)

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")

    def __str__(self) -> str:
        return f"{self.key} = {self.count}"
