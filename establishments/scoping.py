"""django-scopes wiring: the fail-closed net under the explicit, scoped selectors.

Tenant-owned models declare ``objects = establishment_scoped_manager()``; a query on them outside a
scope (the request scope entered by the middleware, or ``django_scopes.scope``) raises ``ScopeError``
instead of silently reading every tenant's rows.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django_scopes import ScopedManager


def establishment_scoped_manager(field: str = "establishment") -> models.Manager[Any]:
    return ScopedManager(organisation=f"{field}__organisation", establishment=field)
