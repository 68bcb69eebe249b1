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
    # accounts: a member of the establishment's organisation (« Administration › Utilisateurs »)
    "member_id": lambda establishment: _member_of(establishment).pk,
    "invitation_id": lambda establishment: _invitation_of(establishment).pk,
    # siecle: a pupil, and a division, of the establishment (created for the sweep)
    "student_id": lambda establishment: _siecle_factories().StudentFactory(establishment=establishment).pk,
    "structure_id": lambda establishment: _siecle_factories().DivisionFactory(establishment=establishment).pk,
    # timetables: a division, group, teacher, room and course of the establishment
    "division_id": lambda establishment: _siecle_factories().DivisionFactory(establishment=establishment).pk,
    "group_id": lambda establishment: _siecle_factories().GroupFactory(establishment=establishment).pk,
    "teacher_id": lambda establishment: _timetable_factories().TeacherFactory(establishment=establishment).pk,
    "room_id": lambda establishment: _timetable_factories().RoomFactory(establishment=establishment).pk,
    "course_id": lambda establishment: _timetable_factories().CourseFactory(establishment=establishment).pk,
    "holiday_id": lambda establishment: _timetable_factories().holiday_for(establishment).pk,
}


def _member_of(establishment: Establishment) -> Any:
    from tests.factories import MembershipFactory  # noqa: PLC0415 - imported lazily like the others

    return MembershipFactory(organisation=establishment.organisation, is_administrateur=False, is_concepteur=True)


def _invitation_of(establishment: Establishment) -> Any:
    from datetime import timedelta  # noqa: PLC0415

    from django.utils import timezone  # noqa: PLC0415

    from accounts.models import Invitation  # noqa: PLC0415

    return Invitation.objects.create(
        organisation=establishment.organisation,
        email="sweep@ac-lyon.fr",
        is_concepteur=True,
        token_sha256=f"sweep-{Invitation.objects.count()}",
        expires_at=timezone.now() + timedelta(days=7),
    )


def _timetable_factories():  # imported lazily: factories import models
    from tests.timetables import factories

    return factories


def _siecle_factories():  # imported lazily: factories import models
    from tests.siecle import factories

    return factories
