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
    # certificates: the establishment whose certificate a row of « Gérer les certificats NetSynchro » targets
    "target_uai": lambda establishment: establishment.uai,
    # siecle: a pupil, and a division, of the establishment (created for the sweep)
    "student_id": lambda establishment: _siecle_factories().StudentFactory(establishment=establishment).pk,
    "structure_id": lambda establishment: _siecle_factories().DivisionFactory(establishment=establishment).pk,
    # api: a division and a group of the establishment
    "division_id": lambda establishment: _siecle_factories().DivisionFactory(establishment=establishment).pk,
    "group_id": lambda establishment: _siecle_factories().GroupFactory(establishment=establishment).pk,
}


def _siecle_factories():  # imported lazily: factories import models
    from tests.siecle import factories

    return factories
