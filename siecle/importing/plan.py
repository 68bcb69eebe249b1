"""The difference between the files and the database, ready to be written in one transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import models


@dataclass
class TableChanges:
    """Rows to insert (full dicts with ``id``), to update (``id`` + ``fields``) and ids to delete."""

    model: type[models.Model]
    create: list[dict[str, Any]] = field(default_factory=list)
    update: list[dict[str, Any]] = field(default_factory=list)
    update_fields: set[str] = field(default_factory=set)
    delete: list[uuid.UUID] = field(default_factory=list)
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.create or self.update or self.delete)


@dataclass
class StudentHistory:
    student_id: uuid.UUID
    action: str  # StudentChange.Action value
    changed_fields: list[str]
    eleve_id: str = ""
    name: str = ""


@dataclass
class ImportPlan:
    tables: list[TableChanges] = field(default_factory=list)
    history: list[StudentHistory] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    # Student or guardian id → the address id it points to once written (orphan addresses are deleted).
    address_refs: dict[uuid.UUID, uuid.UUID | None] = field(default_factory=dict)
    written: bool | None = None  # once written (and the rows freed): whether anything changed

    def table(self, model: type[models.Model]) -> TableChanges:
        for changes in self.tables:
            if changes.model is model:
                return changes
        changes = TableChanges(model)
        self.tables.append(changes)
        return changes

    @property
    def changes_anything(self) -> bool:
        if self.written is not None:
            return self.written
        return any(not changes.is_empty for changes in self.tables)
