"""The database side of a backup: which models, read from one snapshot, written and read
back in Django's JSON Lines serialization.

Rows keep their primary keys, so that every reference between them (foreign keys,
django-guardian's `object_pk`, django-simple-history's `id`) stays true. Content types and
permissions are the exception: `migrate` creates them in a fresh database with numbers of
its own, so they and every reference to them are written by natural key
(`["forums", "case"]`, `["view_case", "forums", "case"]`) and found again by it.
"""

from __future__ import annotations

import datetime
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer as JsonlSerializer
from django.db import connections, models, router, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .manifest import BackupError

# Sessions are not kept: after a restore everybody signs in again.
SKIPPED_MODELS = ("sessions.session",)
NATURAL_KEY_MODELS = (ContentType, Permission)
_NATURAL_ORDER = {
    ContentType: ("app_label", "model"),
    Permission: ("content_type__app_label", "content_type__model", "codename"),
}
_CHUNK = 2000


def backed_up_models(using: str) -> list[type[models.Model]]:
    """Content types and permissions first (rows refer to them), then every other model
    with a table of its own, django-simple-history's, django-guardian's, django-otp's and
    django-celery-beat's included."""
    chosen = list(NATURAL_KEY_MODELS)
    for model in apps.get_models():
        meta = model._meta
        if (
            model in chosen
            or meta.label_lower in SKIPPED_MODELS
            or meta.proxy
            or not meta.managed
            or not router.allow_migrate_model(using, model)
        ):
            continue
        chosen.append(model)
    return chosen


def is_reference_table(model: type[models.Model]) -> bool:
    """A table without relations, like the categories a migration fills: in a freshly
    migrated database it may hold rows, which a restore accepts when the archive holds the
    very same ones."""
    meta = model._meta
    return not meta.local_many_to_many and not any(f.is_relation for f in meta.local_fields)


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds; a backup keeps the microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class PortalSerializer(JsonlSerializer):
    """JSON Lines with primary keys, and natural keys only for content types and
    permissions (as foreign keys, many-to-many values and their own rows); times to the
    microsecond."""

    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = field.related_model in NATURAL_KEY_MODELS
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = field.related_model in NATURAL_KEY_MODELS
        super().handle_m2m_field(obj, field)


def _rows(model: type[models.Model], using: str) -> models.QuerySet:
    """All rows of `model` in a fixed order, with what the serializer reads of related
    rows fetched in bulk."""
    natural_related, prefetch = [], []
    for field in model._meta.local_fields:
        if field.related_model is ContentType:
            natural_related.append(field.name)
        elif field.related_model is Permission:
            natural_related.append(f"{field.name}__content_type")
    for field in model._meta.local_many_to_many:
        if not field.remote_field.through._meta.auto_created:
            continue  # an explicit through model is backed up as a model of its own
        target = field.related_model
        if target is Permission:
            related = Permission._base_manager.using(using).select_related("content_type")
            related = related.order_by(*_NATURAL_ORDER[Permission])
        else:
            related = target._base_manager.using(using).only("pk").order_by("pk")
        prefetch.append(Prefetch(field.name, queryset=related))
    rows = model._base_manager.using(using).select_related(*natural_related)
    order = _NATURAL_ORDER.get(model, ("pk",))
    return rows.prefetch_related(*prefetch).order_by(*order)


def serialize(model: type[models.Model], rows: Iterable[models.Model], stream: IO[str]) -> None:
    PortalSerializer().serialize(
        rows, stream=stream, use_natural_primary_keys=model in NATURAL_KEY_MODELS
    )


def dump(
    stream: IO[str], *, using: str, log: Callable[[str], None] | None = None
) -> tuple[dict[str, int], set[str]]:
    """Write every row to `stream`; return the rows per model and the names of the files
    the rows refer to (FileField values, relative to MEDIA_ROOT)."""
    counts: Counter[str] = Counter()
    referenced: set[str] = set()
    for model in backed_up_models(using):
        label = model._meta.label_lower
        file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]

        def tracked(rows: Iterable[models.Model], label=label, file_fields=file_fields):
            for row in rows:
                counts[label] += 1
                for file_field in file_fields:
                    name = file_field.value_from_object(row).name
                    if name:
                        referenced.add(name)
                yield row

        serialize(model, tracked(_rows(model, using).iterator(chunk_size=_CHUNK)), stream)
        counts.setdefault(label, 0)
        if log:
            log(_("%(count)d rows of %(model)s") % {"count": counts[label], "model": label})
    return dict(counts), referenced


@contextmanager
def snapshot(using: str) -> Iterator[None]:
    """One read transaction, so that every table is read as it was at one moment: rows
    written while the backup runs are either all in it or not at all.

    PostgreSQL: REPEATABLE READ, READ ONLY — one snapshot for the whole transaction.
    SQLite: a deferred read transaction (not the portal's IMMEDIATE one, which would hold
    the write lock for the whole backup); in WAL mode its first read takes the snapshot and
    the portal's writers go on while it is held."""
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        raise BackupError(
            _("Backups are made on PostgreSQL or SQLite, not on %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    if connection.in_atomic_block:
        raise BackupError(_("A backup must start outside any transaction to read one snapshot."))
    if connection.vendor == "postgresql":
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
        try:
            # The snapshot is taken by the first read, here, before any table is dumped.
            cursor.execute("SELECT count(*) FROM sqlite_master")
            yield
        finally:
            cursor.execute("ROLLBACK")


def applied_migrations(using: str) -> list[tuple[str, str]]:
    """The migrations applied to the database, as the code's migration graph names them
    (a squashed migration stands for those it replaces)."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    return sorted(key for key in loader.applied_migrations if key in loader.graph.nodes)


def unapplied_migrations(using: str) -> list[tuple[str, str]]:
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [(migration.app_label, migration.name) for migration, _backwards in plan]


def occupied(using: str) -> dict[type[models.Model], int]:
    """Models holding rows, other than content types and permissions (which `migrate`
    creates and a restore merges by natural key)."""
    found = {}
    for model in backed_up_models(using):
        if model in NATURAL_KEY_MODELS:
            continue
        count = model._base_manager.using(using).count()
        if count:
            found[model] = count
    return found


def serialized_rows(model: type[models.Model], using: str) -> dict[str, dict]:
    """The rows of `model` as the dump writes them, by primary key."""
    stream = io.StringIO()
    serialize(model, _rows(model, using), stream)
    return {row_key(row): row for row in map(json.loads, stream.getvalue().splitlines())}


def row_key(row: dict) -> str:
    return json.dumps(row.get("pk"))


def _may_hold_rows(model: type[models.Model]) -> bool:
    """Whether a table may hold rows before a restore: content types, permissions and
    tables without relations (rows that migrations create)."""
    return model in NATURAL_KEY_MODELS or is_reference_table(model)


def load(stream: IO[bytes], *, using: str) -> int:
    """Load a dump in the current transaction, as `loaddata` does: constraint checks held
    until every row is in, natural keys found, then checked, then the sequences of the
    loaded tables moved past the highest primary key (PostgreSQL; SQLite does it itself).
    Returns the number of rows loaded."""
    connection = connections[using]
    loaded, deferred, tables = 0, [], set()
    with connection.constraint_checks_disabled():
        for row in serializers.deserialize(
            "jsonl", stream, using=using, handle_forward_references=True
        ):
            model = type(row.object)
            # The restore checked that the other tables are empty: an INSERT, without the
            # UPDATE that a save with a primary key tries first.
            row.save(using=using, force_insert=not _may_hold_rows(model))
            loaded += 1
            tables.add(model)
            if row.deferred_fields:
                deferred.append(row)
        for row in deferred:
            row.save_deferred_fields(using=using)
    connection.check_constraints(table_names=[model._meta.db_table for model in tables])
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(tables)):
            cursor.execute(statement)
    ContentType.objects.clear_cache()
    return loaded
