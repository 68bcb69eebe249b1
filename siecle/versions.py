"""The version of an establishment's SIECLE data for a school year: a token that changes whenever an
import writes that data, so that readers may cache what they derive from it (the API's pages of
students) under it and never serve a write once committed.

The token lives in the shared cache. It changes twice per write: inside the transaction, for readers in
the same transaction (tests, the import's own checks), and once committed, so that a page computed from
the old rows while the write was running, then stored under the new token, is never read again. A token
lost with the cache is drawn anew: what was cached under the old one is simply never read again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction

TOKEN_SECONDS = 30 * 24 * 3600  # refreshed by every write; a lost token only costs a recomputation


@dataclass(frozen=True)
class DataVersion:
    key: str  # where the token lives in the cache: readers may fetch it with what they cached

    def current(self) -> str:
        version = cache.get(self.key)
        if version is None:
            drawn = uuid.uuid4().hex
            # Two first readers agree on one token: the one whose add loses reads the winner's.
            version = drawn if cache.add(self.key, drawn, TOKEN_SECONDS) else cache.get(self.key)
        return str(version)

    def changed(self) -> None:
        """Call inside the transaction that writes the data."""
        self._draw()
        transaction.on_commit(self._draw)

    def _draw(self) -> None:
        cache.set(self.key, uuid.uuid4().hex, TOKEN_SECONDS)


def siecle_data_version(*, establishment_id: int, school_year: int) -> DataVersion:
    return DataVersion(key=f"siecle-data-version:{establishment_id}:{school_year}")
