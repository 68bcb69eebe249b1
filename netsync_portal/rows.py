"""Hand-written SQL for the few lookups on every request's path (the API token, the membership),
loaded into model instances with ``Model.from_db``.

Building such a query with the ORM costs about 1 ms of Python on the production CPU, several times what
PostgreSQL takes to answer it, and every page and API call pays it (bench/api.py). The SQL stays plain
enough for both databases (PostgreSQL, and SQLite for ``make run``); the columns come from the models,
and each value read goes through the converters the ORM would apply.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models

ModelT = TypeVar("ModelT", bound=models.Model)
Converters = list[tuple[int, Any, list[Callable[..., Any]]]]


class Columns(Generic[ModelT]):
    """Every concrete column of ``model`` under the table alias ``alias``, and the loading of a row."""

    def __init__(self, model: type[ModelT], alias: str) -> None:
        self.model, self.alias = model, alias
        self.fields = model._meta.concrete_fields
        self.attnames = [field.attname for field in self.fields]
        quote = connections[DEFAULT_DB_ALIAS].ops.quote_name  # the same quoting on both databases
        self.sql = ", ".join(f"{alias}.{quote(str(field.column))}" for field in self.fields)
        self.table = f"{quote(model._meta.db_table)} {alias}"
        self._converters_by_database: dict[str, Converters] = {}

    def __len__(self) -> int:
        return len(self.attnames)

    def load(self, values: Sequence[Any], using: str = DEFAULT_DB_ALIAS) -> ModelT:
        row = list(values)
        connection = connections[using]
        if using not in self._converters_by_database:
            self._converters_by_database[using] = self._converters(using)
        for index, column, converters in self._converters_by_database[using]:
            for convert in converters:
                row[index] = convert(row[index], column, connection)
        return self.model.from_db(using, self.attnames, row)

    def _converters(self, using: str) -> Converters:
        """What the ORM applies to each value read (SQLite's text datetimes made aware, JSON decoded…)."""
        connection = connections[using]
        found: Converters = []
        for index, field in enumerate(self.fields):
            column = field.get_col(self.alias)
            converters = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
            if converters:
                found.append((index, column, converters))
        return found


def fetch_rows(sql: str, params: Sequence[Any], using: str = DEFAULT_DB_ALIAS) -> list[tuple[Any, ...]]:
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
