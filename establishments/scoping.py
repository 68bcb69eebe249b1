"""django-scopes wiring: the fail-closed net under the explicit, scoped selectors.

Tenant-owned models declare ``objects = establishment_scoped_manager()``; a query on them outside a
scope (the request scope entered by the middleware, or ``django_scopes.scope``) raises ``ScopeError``
instead of silently reading every tenant's rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.db import models
from django_scopes import ScopedManager, scope

if TYPE_CHECKING:  # establishments.models imports this module
    from establishments.models import Establishment


def establishment_scoped_manager(field: str = "establishment") -> models.Manager[Any]:
    return ScopedManager(organisation=f"{field}__organisation", establishment=field)


@contextmanager
def establishment_scope(establishments: Establishment | Iterable[Establishment]) -> Iterator[None]:
    """Enter the scope of one establishment, or of several of the same organisation (tasks, commands)."""
    from establishments.models import Establishment  # noqa: PLC0415 - see the import above

    items = [establishments] if isinstance(establishments, Establishment) else list(establishments)
    organisations = {item.organisation_id for item in items}
    if len(organisations) != 1:
        raise ValueError("A scope covers the establishments of exactly one organisation.")
    with scope(organisation=items[0].organisation_id, establishment=items):
        yield
