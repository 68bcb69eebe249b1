"""Generic differences: keyed rows and sets of pairs."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from siecle.importing.plan import TableChanges

Key = TypeVar("Key", bound=Hashable)


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [name for name, value in new.items() if old.get(name) != value]


def diff_keyed(
    changes: TableChanges,
    stored: dict[Key, dict[str, Any]],
    incoming: dict[Key, dict[str, Any]],
    *,
    base: dict[str, Any],
    key_columns: Callable[[Any], dict[str, Any]],
) -> dict[Key, uuid.UUID]:
    """Fill ``changes`` so the stored rows match ``incoming`` for its keys; returns key → row id.

    Stored rows whose key is absent from ``incoming`` are left alone (callers decide what absence means).
    """
    ids: dict[Key, uuid.UUID] = {}
    for key, row in incoming.items():
        old = stored.get(key)
        if old is None:
            ids[key] = uuid.uuid4()
            changes.create.append({"id": ids[key], **base, **key_columns(key), **row})
            continue
        ids[key] = old["id"]
        changed = changed_fields(old, row)
        if changed:
            changes.update.append({"id": old["id"], **row})
            changes.update_fields.update(row)
        else:
            changes.unchanged += 1
    return ids


def diff_pairs(
    changes: TableChanges,
    stored: dict[tuple[uuid.UUID, uuid.UUID], uuid.UUID],
    wanted: Iterable[tuple[uuid.UUID, uuid.UUID]],
    *,
    owners: set[uuid.UUID],
    base: dict[str, Any],
    columns: tuple[str, str],
) -> None:
    """Link rows (left id, right id): create the wanted ones, delete stored ones of ``owners`` not wanted."""
    wanted = set(wanted)
    for pair in wanted:
        if pair in stored:
            changes.unchanged += 1
        else:
            changes.create.append({"id": uuid.uuid4(), **base, columns[0]: pair[0], columns[1]: pair[1]})
    changes.delete.extend(row_id for pair, row_id in stored.items() if pair[0] in owners and pair not in wanted)
