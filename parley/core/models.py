from django.db import models


class Version(models.Model):
    """
    A named counter that grows whenever what it names changes ("articles": any
    article, author or tag a page lists). Cached pages are keyed on the versions
    they show, so a bump is how a write retires them (parley.core.versions).
    """

    name = models.CharField(max_length=64, primary_key=True)
    value = models.PositiveBigIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.name} v{self.value}"
