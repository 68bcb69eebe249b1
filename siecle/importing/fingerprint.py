"""Re-importing the same files is a no-op without reading them again (CONVENTIONS C.2 #4).

The last run records the files' sha256, the options and a fingerprint of every stored row of the
establishment and year. When the same files come again with the same options and the fingerprint still
matches (nothing, admin or later feature, changed a row since), the previous result stands.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import connection

from establishments.models import Establishment
from siecle.models import IMPORTED_MODELS, ImportRun

DATA_MODELS = IMPORTED_MODELS


def state_fingerprint(establishment: Establishment, school_year: int) -> str | None:
    """A digest of every row (PostgreSQL only; None elsewhere, which disables the shortcut)."""
    if connection.vendor != "postgresql":
        return None
    quote = connection.ops.quote_name
    parts = [
        f"SELECT {index} AS n, count(*)::text || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0)::text AS f "
        f"FROM {quote(model._meta.db_table)} t WHERE establishment_id = %s AND school_year = %s"
        for index, model in enumerate(DATA_MODELS)
    ]
    params = [establishment.pk, school_year] * len(DATA_MODELS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT string_agg(f, '|' ORDER BY n) FROM ({' UNION ALL '.join(parts)}) s", params)
        (digest,) = cursor.fetchone()
    return hashlib.sha256(digest.encode()).hexdigest()


def same_import_as_last(
    establishment: Establishment, school_year: int, sha256s: list[str], options: dict[str, bool]
) -> ImportRun | None:
    """The last run when it imported exactly these files with these options and nothing changed since."""
    last = (
        ImportRun.objects.filter(establishment=establishment, school_year=school_year).order_by("-created_at").first()
    )
    if last is None or sorted(sha256s) != sorted(item["sha256"] for item in last.files) or last.options != options:
        return None
    fingerprint: Any = last.summary.get("fingerprint")
    if not fingerprint or fingerprint != state_fingerprint(establishment, school_year):
        return None
    return last
