"""Pausing the cyclic garbage collector around allocation-heavy steps.

Reading (siecle.formats) and diffing (siecle.importing) 50,000 records allocates millions of small objects and no cycles; with the
collector on, its full passes over every live object cost more than the work itself.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
