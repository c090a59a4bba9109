"""
Named versions of what cached pages show.

A page is cached under the versions it depends on, read before it is built: a
write bumps a version in its own transaction, so a page cached under the old
value was built no later than the write, and every request after the write's
commit reads the new value and builds (or finds) the new page. A page keyed on
an old version is never wrong for that key, only unused.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, connection, models, transaction

from .models import Version

# Any article, author or tag that a page may list changed.
ARTICLES = "articles"


def bump(name: str) -> None:
    """Move this version on. Call inside the write's transaction (or alone)."""
    if Version.objects.filter(name=name).update(value=models.F("value") + 1):
        return
    try:
        with transaction.atomic():
            Version.objects.create(name=name, value=2)
    except IntegrityError:  # created by a concurrent first bump
        Version.objects.filter(name=name).update(value=models.F("value") + 1)


@dataclass(frozen=True)
class Probe:
    """
    One statement that reads every version a page depends on, in one round
    trip: a row of values that changes whenever the page would.
    """

    sql: str
    params: tuple

    def read(self) -> tuple:
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.params)
            return tuple(cursor.fetchone())

    def joined(self, other: "Probe | None") -> "Probe":
        """Return one probe reading this one's values, then the other's."""
        if other is None:
            return self
        return Probe(
            f"{self.sql}, {other.sql.removeprefix('SELECT ')}",
            self.params + other.params,
        )


def probe(*, names: Sequence[str] = (), rows: Sequence[tuple] = ()) -> Probe:
    """
    Return the probe for named versions and for version columns of rows:
    `rows` holds (model, column, pk) triples, e.g. (Thread, "version", 7).
    A name never bumped reads as NULL, which its first bump changes.
    """
    # Identifiers come from models, quoted; values are parameters.
    parts, params = [], []
    quote = connection.ops.quote_name
    for name in names:
        parts.append(
            f"(SELECT {quote('value')} FROM {quote(Version._meta.db_table)}"  # noqa: S608
            f" WHERE {quote('name')} = %s)"
        )
        params.append(name)
    for model, column, pk in rows:
        parts.append(
            f"(SELECT {quote(column)} FROM {quote(model._meta.db_table)}"  # noqa: S608
            f" WHERE {quote(model._meta.pk.column)} = %s)"
        )
        params.append(pk)
    return Probe("SELECT " + ", ".join(parts), tuple(params))
