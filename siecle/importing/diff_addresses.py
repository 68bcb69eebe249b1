"""Differences for the addresses: one row per ADRESSE_ID a stored pupil or guardian points to."""

from __future__ import annotations

import uuid
from typing import Any

from establishments.models import Establishment
from siecle.importing.diffing import diff_keyed
from siecle.importing.incoming import Incoming
from siecle.importing.plan import ImportPlan
from siecle.importing.stored import stored_by, stored_rows
from siecle.models import Address
from siecle.models.addresses import ADDRESS_FIELDS


def diff_addresses(
    plan: ImportPlan, incoming: Incoming, base: dict[str, Any], establishment: Establishment
) -> tuple[dict[str, uuid.UUID], set[uuid.UUID]]:
    """Plan the files' addresses; returns ADRESSE_ID → address id, and the ids of the stored addresses.

    A changed line of a known ADRESSE_ID updates that one row: every person living there sees it.
    """
    stored = stored_by(Address, establishment, base["school_year"], "address_id", ADDRESS_FIELDS)
    ids = diff_keyed(
        plan.table(Address), stored, incoming.addresses, base=base, key_columns=lambda key: {"address_id": key}
    )
    return ids, {row["id"] for row in stored.values()}


def keep_stored_references(plan: ImportPlan, model: type, establishment: Establishment, school_year: int) -> None:
    """The rows of ``model`` the import leaves alone keep pointing to their address."""
    for row in stored_rows(model, establishment, school_year, ("address_id",)):
        plan.address_refs.setdefault(row["id"], row["address_id"])


def drop_orphan_addresses(plan: ImportPlan, stored_ids: set[uuid.UUID]) -> None:
    """Stored addresses no pupil nor guardian points to once the plan is written are deleted."""
    changes = plan.table(Address)
    referenced = set(plan.address_refs.values())
    changes.delete.extend(address_id for address_id in stored_ids if address_id not in referenced)
    plan.counts["addresses"] = {
        "created": len(changes.create),
        "updated": len(changes.update),
        "deleted": len(changes.delete),
        "unchanged": changes.unchanged,
    }
