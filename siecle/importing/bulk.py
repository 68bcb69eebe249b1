"""Bulk writes: COPY on PostgreSQL (psycopg 3), Django's bulk operations elsewhere (SQLite for ``make run``).

No per-row queries: inserts are one COPY per table, updates one COPY into a temporary table then one
UPDATE … FROM, deletes one DELETE per 10,000 ids.

Statistics: a table that received many rows is analysed once the import has committed, never inside
its transaction. ANALYZE takes a lock that conflicts with any other ANALYZE of the same table; inside
the transaction it would be held until COMMIT, and another establishment's import would wait for the
whole of this one (a 2.5 s import waited 28.75 s behind a 100,000-pupil one). After commit, in
autocommit, it is held for the ANALYZE alone. Within the transaction the planner needs no fresh
statistics: the temporary tables of the updates are analysed (they are private to the session), and
every other statement looks rows up by primary key or by (establishment, school year) index.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models, transaction

CHUNK = 10_000
ANALYZE_FROM = 1_000  # later merges over a table never analysed since it grew can be 100× slower


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _copy_value(field: models.Field, value: Any) -> Any:
    if value is not None and isinstance(field, models.JSONField):
        return json.dumps(value)
    return value


def _column_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.column:
        raise ValueError(f"{model.__name__}.{name} is not a column")  # a programming error, not bad input
    return field


def _copy(table: str, model: type[models.Model], names: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    fields = [_column_field(model, name) for name in names]
    columns = ", ".join(connection.ops.quote_name(str(field.column)) for field in fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([_copy_value(field, row[name]) for field, name in zip(fields, names, strict=True)])


def _analyze(table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if not _is_postgres():
        model._default_manager.bulk_create([model(**row) for row in rows], batch_size=500)
        return
    names = list(rows[0])
    _copy(model._meta.db_table, model, names, rows)
    if len(rows) >= ANALYZE_FROM:
        table = model._meta.db_table
        transaction.on_commit(lambda: _analyze(table))


def update_rows(model: type[models.Model], names: Iterable[str], rows: list[dict[str, Any]]) -> None:
    """Set ``names`` from each row (which holds ``id`` and every name)."""
    names = sorted(names)
    if not rows or not names:
        return
    if not _is_postgres():
        model._default_manager.bulk_update([model(**row) for row in rows], names, batch_size=500)
        return
    _update_through_temp_table(model, names, rows)


def _update_through_temp_table(model: type[models.Model], names: list[str], rows: list[dict[str, Any]]) -> None:
    quote = connection.ops.quote_name
    table = model._meta.db_table
    temp = f"tmp_{table}_{uuid.uuid4().hex[:8]}"
    columns = [str(_column_field(model, name).column) for name in names]
    select = ", ".join(quote(column) for column in ["id", *columns])
    assignments = ", ".join(f"{quote(column)} = u.{quote(column)}" for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {quote(temp)} ON COMMIT DROP AS SELECT {select} FROM {quote(table)} WITH NO DATA"
        )
        _copy(temp, model, ["id", *names], rows)
        cursor.execute(f"ANALYZE {quote(temp)}")
        cursor.execute(f"UPDATE {quote(table)} AS t SET {assignments} FROM {quote(temp)} AS u WHERE t.id = u.id")
        cursor.execute(f"DROP TABLE {quote(temp)}")


def delete_ids(model: type[models.Model], ids: list[uuid.UUID]) -> None:
    """Raw delete (no cascade collection): only for tables nothing else points to. Needs scopes_disabled."""
    for start in range(0, len(ids), CHUNK):
        queryset = model._default_manager.filter(pk__in=ids[start : start + CHUNK])
        queryset._raw_delete(queryset.db)
