"""Sample values for URL kwargs other than ``uai``, used by the isolation and role sweeps.

Each app adds the kwargs its URLs take: name → function(establishment of the cité) → value naming an
object of that establishment. A URL kwarg missing here makes the sweep fail, so no URL escapes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from establishments.models import Establishment
from establishments.school_years import current_school_year

URL_KWARG_SAMPLES: dict[str, Callable[[Establishment], Any]] = {
    "year": lambda establishment: current_school_year(),
}
