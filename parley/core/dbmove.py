"""
Copy every row of a Parley database into another one (SQLite to PostgreSQL, or
back), then prove the copy: the same number of rows and the same checksum of
their contents, table by table.
"""

import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction

TARGET_ALIAS = "move_target"
BATCH = 2000


@dataclass
class TableReport:
    table: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str

    @property
    def matches(self) -> bool:
        return (self.source_rows, self.source_checksum) == (
            self.target_rows,
            self.target_checksum,
        )


class MoveError(Exception):
    """A move that can't start, with a sentence for the operator."""


def add_target_database(config: dict) -> str:
    """Register the target database under its own alias and return the alias."""
    configured = connections.configure_settings(
        {"default": connections.settings["default"], TARGET_ALIAS: dict(config)}
    )
    connections.settings[TARGET_ALIAS] = configured[TARGET_ALIAS]
    return TARGET_ALIAS


def _models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


# Tables that `migrate` fills by itself; the copy replaces their rows.
MIGRATE_FILLS = {
    "django_content_type",
    "auth_permission",
    "django_site",
    "django_flatpage",
    "django_flatpage_sites",
    "auth_group",
    "auth_group_permissions",
}


def move_database(target: str, *, source: str = "default") -> list[TableReport]:
    """
    Migrate the target, copy every table into it in one transaction and return
    the per-table verification. Raise MoveError if the target already has data.
    """
    call_command("migrate", database=target, verbosity=0, interactive=False)
    models = _models()
    occupied = [
        m._meta.db_table
        for m in models
        if m._meta.db_table not in MIGRATE_FILLS and m.objects.using(target).exists()
    ]
    if occupied:
        raise MoveError(
            "The target database already holds data (in "
            + ", ".join(sorted(occupied)[:5])
            + "). Move into an empty database."
        )
    # Foreign keys in Django's tables are deferred to commit, so the order of
    # tables inside this one transaction doesn't matter.
    with transaction.atomic(using=target):
        for model in models:
            model.objects.using(target).all().delete()
        for model in models:
            _copy_table(model, source, target)
    _reset_sequences(models, target)
    return [_verify(model, source, target) for model in models]


@contextmanager
def _timestamps_kept(model):
    """Stop auto_now / auto_now_add from re-stamping rows while they are copied."""
    stamped = [
        (field, field.auto_now, field.auto_now_add)
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    for field, _now, _add in stamped:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, now, add in stamped:
            field.auto_now, field.auto_now_add = now, add


def _copy_table(model, source: str, target: str) -> None:
    with _timestamps_kept(model):
        _copy_rows(model, source, target)


def _copy_rows(model, source: str, target: str) -> None:
    batch = []
    for row in model.objects.using(source).order_by("pk").iterator(chunk_size=BATCH):
        row._state.db = target
        batch.append(row)
        if len(batch) >= BATCH:
            model.objects.using(target).bulk_create(batch)
            batch = []
    if batch:
        model.objects.using(target).bulk_create(batch)


def _reset_sequences(models, target: str) -> None:
    connection = connections[target]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def table_checksum(model, alias: str) -> tuple[int, str]:
    """Return the row count and a SHA-256 over every row, ordered by key."""
    fields = [field.attname for field in model._meta.concrete_fields]
    digest = hashlib.sha256()
    count = 0
    rows = model.objects.using(alias).order_by("pk").values_list(*fields)
    for row in rows.iterator(chunk_size=BATCH):
        digest.update(repr(tuple(_canonical(value) for value in row)).encode())
        count += 1
    return count, digest.hexdigest()


def _canonical(value):
    # Both backends hand back aware UTC datetimes; compare them as ISO text so a
    # difference in how a driver builds the object can't hide or fake a change.
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, dict | list):
        # JSON: PostgreSQL's jsonb keeps keys in its own order.
        return json.dumps(value, sort_keys=True)
    return value


def _verify(model, source: str, target: str) -> TableReport:
    source_rows, source_sum = table_checksum(model, source)
    target_rows, target_sum = table_checksum(model, target)
    return TableReport(
        model._meta.db_table, source_rows, target_rows, source_sum, target_sum
    )
