"""A consistent generated school: the records the four exports must give back when read."""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from siecle.formats.generator import catalog
from siecle.formats.generator.people import CLASS_SIZE, LEVELS, People, PeopleBuilder, group_code
from siecle.formats.records import (
    CodeLabel,
    Division,
    Envelope,
    ExportKind,
    Group,
    MandatoryOption,
    Mef,
    Programme,
    Subject,
)

VERSIONS = {ExportKind.NOMENCLATURES: "3.1", ExportKind.STRUCTURES: "2.0"}
RESPONSABLES_VERSIONS = {"new": "2.1", "old": "1.10"}


@dataclass(slots=True)
class GeneratedSet:
    """Everything generated for one UAI and year; the readers must return exactly these records."""

    uai: str
    year: int
    export_date: dt.date
    timestamp: dt.datetime
    eleves_version: str
    responsables_format: str  # "new" (NIVEAU_RESPONSABILITE) or "old" (RESP_LEGAL)
    people: People
    mefs: dict[str, Mef]
    subjects: dict[str, Subject]
    programmes: list[Programme]
    mandatory_options: list[MandatoryOption]
    code_tables: dict[str, dict[str, CodeLabel]]
    divisions: dict[str, Division]
    groups: dict[str, Group]

    def envelope(self, kind: ExportKind) -> Envelope:
        if kind is ExportKind.ELEVES:
            version = self.eleves_version
        elif kind is ExportKind.RESPONSABLES:
            version = RESPONSABLES_VERSIONS[self.responsables_format]
        else:
            version = VERSIONS[kind]
        return Envelope(kind, version, self.uai, self.year, self.export_date, self.timestamp)


@dataclass(frozen=True, slots=True)
class _Plan:
    level: str
    departed: bool
    placed: bool
    slot: int


def generate_set(
    *, uai: str, year: int, students: int, seed: int, responsables_format: str = "new", eleves_version: str = "3.0"
) -> GeneratedSet:
    """Build a school of ``students`` ELEVE records (15–25 % departed), deterministic from ``seed``."""
    if responsables_format not in RESPONSABLES_VERSIONS:
        raise ValueError("responsables_format must be 'new' or 'old'")
    rng = random.Random(f"{uai}/{year}/{students}/{seed}/{responsables_format}/{eleves_version}")
    export_date = dt.date(year, 10, 2) + dt.timedelta(days=rng.randrange(20))
    plans = _plans(rng, students)
    division_codes = _division_codes(plans)
    builder = PeopleBuilder(
        rng,
        uai=uai,
        year=year,
        export_date=export_date,
        divisions=division_codes,
        eleves_version=eleves_version,
        responsables_format=responsables_format,
    )
    for index, plan in enumerate(plans):
        builder.add_pupil(index, level=plan.level, departed=plan.departed, placed=plan.placed, slot=plan.slot)
    timestamp = dt.datetime.combine(export_date, dt.time(rng.randrange(6, 20), rng.randrange(60), rng.randrange(60)))
    divisions, groups = _structures(uai, division_codes)
    return GeneratedSet(
        uai=uai,
        year=year,
        export_date=export_date,
        timestamp=timestamp,
        eleves_version=eleves_version,
        responsables_format=responsables_format,
        people=builder.people,
        mefs=catalog.mefs(year),
        subjects=catalog.subjects(),
        programmes=catalog.programmes(),
        mandatory_options=catalog.mandatory_options(),
        code_tables=catalog.code_tables(responsables_format),
        divisions=divisions,
        groups=groups,
    )


def _plans(rng: random.Random, students: int) -> list[_Plan]:
    departed = round(students * rng.uniform(0.15, 0.25))
    slots = dict.fromkeys(LEVELS, 0)
    plans: list[_Plan] = []
    for index in range(students - departed):
        level = LEVELS[index % len(LEVELS)]
        placed = rng.random() > 0.04  # not yet placed in a class (§3.4)
        plans.append(_Plan(level, False, placed, slots[level]))
        slots[level] += 1 if placed else 0
    for _ in range(departed):
        level = rng.choice(LEVELS)
        plans.append(_Plan(level, True, rng.random() < 0.1, rng.randrange(max(slots[level], 1))))
    rng.shuffle(plans)
    return plans


def _division_codes(plans: list[_Plan]) -> dict[str, list[str]]:
    placed = dict.fromkeys(LEVELS, 0)
    for plan in plans:
        placed[plan.level] += 0 if plan.departed or not plan.placed else 1
    return {
        level: [f"{level}{_letters(i)}" for i in range(max(1, math.ceil(count / CLASS_SIZE)))]
        for level, count in placed.items()
    }


def _letters(index: int) -> str:
    text = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        text = chr(65 + remainder) + text
    return text


def _structures(uai: str, codes: dict[str, list[str]]) -> tuple[dict[str, Division], dict[str, Group]]:
    divisions: dict[str, Division] = {}
    groups: dict[str, Group] = {}
    for level, level_codes in codes.items():
        mefs = tuple(code for code, _label in catalog.LEVEL_MEFS[level])
        for position, code in enumerate(level_codes):
            division_mefs = mefs if position == 0 else mefs[:1]
            divisions[code] = Division(code, f"{level}ÈME {_letters(position)}", uai, division_mefs)
        for subject, span in (("ESP", 2), ("LAT", 4)):
            if subject == "ESP" and level == "6":
                continue
            for index in range(math.ceil(len(level_codes) / span)):
                parents = tuple(level_codes[index * span : (index + 1) * span])
                code = group_code(level, subject, index)
                groups[code] = Group(code, f"{subject} {level}E GROUPE {index + 1}", uai, mefs[:1], parents)
    return divisions, groups
