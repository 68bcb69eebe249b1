"""A deterministic, conflict-free weekly timetable for a generated school (demo, tests, benchmarks).

Greedy placement on a grid of one-hour slots (Monday to Friday, 8 h–12 h and 13 h–17 h, Wednesday morning
only): group courses first (they block every parent division), then each division's subjects. A teacher is
taken from the subject's pool while they have hours left and the slot free, otherwise a new one is hired,
so the result never double-books a teacher, a room or a division. Pure Python: no Django here.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

DAYS = (1, 2, 3, 4, 5)
MORNING = (8, 9, 10, 11)
AFTERNOON = (13, 14, 15, 16)
SLOTS: tuple[tuple[int, int], ...] = tuple(
    (day, hour) for day in DAYS for hour in (MORNING if day == 3 else MORNING + AFTERNOON)
)
WEEKLY, WEEK_A, WEEK_B = "H", "A", "B"

LAST_NAMES = (
    "MARTIN BERNARD THOMAS PETIT ROBERT RICHARD DURAND DUBOIS MOREAU LAURENT SIMON MICHEL LEFEBVRE LEROY ROUX "
    "DAVID BERTRAND MOREL FOURNIER GIRARD BONNET DUPONT LAMBERT FONTAINE ROUSSEAU VINCENT MULLER LEFEVRE FAURE "
    "ANDRE MERCIER BLANC GUERIN BOYER GARNIER CHEVALIER FRANCOIS LEGRAND GAUTHIER GARCIA PERRIN ROBIN CLEMENT "
    "MORIN NICOLAS HENRY ROUSSEL MATHIEU GAUTIER MASSON MARCHAND DUVAL DENIS DUMONT MARIE LEMAIRE NOEL MEYER"
).split()
FIRST_NAMES = {
    "1": "PIERRE JEAN LUC NICOLAS JULIEN THOMAS ANTOINE MARC PAUL OLIVIER".split(),
    "2": "MARIE SOPHIE CLAIRE JULIE ANNE CAMILLE LAURE ISABELLE CELINE NATHALIE".split(),
}
GRADES = ("CERT CE", "CERT. CL N", "CERT. H CL", "AGREGE CLN", "AGREGE HCL", "PLP CL N")


@dataclass(frozen=True, slots=True)
class CurriculumItem:
    """``hours`` weekly one-hour courses; ``paired_with`` adds one fortnightly hour (week A) whose week B
    is the paired subject's, in the same slot."""

    subject_code: str
    hours: int
    paired_with: str | None = None


@dataclass(frozen=True, slots=True)
class StructureShape:
    code: str
    label: str
    mef_codes: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()  # groups only
    subject_code: str | None = None  # groups only: what the group is made for
    hours: int = 2  # groups only


@dataclass(frozen=True, slots=True)
class SchoolShape:
    uai: str
    year: int
    subjects: dict[str, tuple[str, str, str]]  # code → (CODE_GESTION, short label, long label)
    divisions: tuple[StructureShape, ...]
    groups: tuple[StructureShape, ...] = ()
    curriculum: tuple[CurriculumItem, ...] = ()
    max_teacher_hours: int = 18
    split_subjects: tuple[str, ...] = ()  # subjects taught in two half-groups « <division> G1/G2 »
    room_count: int = 0  # at least this many rooms


@dataclass(slots=True)
class PlannedTeacher:
    sts_id: str
    civility: str
    last_name: str
    first_name: str
    grade: str
    subject_code: str
    busy: set[tuple[int, int]] = field(default_factory=set)

    @property
    def load(self) -> int:
        return len(self.busy)


@dataclass(frozen=True, slots=True)
class PlannedCourse:
    subject_code: str
    teacher_id: str
    divisions: tuple[str, ...]
    groups: tuple[str, ...]
    room_code: str
    weekday: int
    hour: int
    week: str = WEEKLY  # H, A or B
    duration_minutes: int = 60


@dataclass(slots=True)
class TimetablePlan:
    shape: SchoolShape
    teachers: list[PlannedTeacher] = field(default_factory=list)
    rooms: list[str] = field(default_factory=list)
    courses: list[PlannedCourse] = field(default_factory=list)
    groups: list[StructureShape] = field(default_factory=list)  # the shape's groups plus half-groups

    def service_hours(self) -> dict[tuple[str, str, str], Decimal]:
        """(structure code, subject, teacher STS id) → weekly hours; a fortnightly hour counts half."""
        totals: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
        for course in self.courses:
            weight = Decimal(course.duration_minutes) / 60 / (1 if course.week == WEEKLY else 2)
            for structure in (*course.divisions, *course.groups):
                totals[(structure, course.subject_code, course.teacher_id)] += weight
        return dict(totals)


class _Planner:
    def __init__(self, shape: SchoolShape, seed: int):
        self.shape = shape
        self.rng = random.Random(f"{shape.uai}/{shape.year}/{seed}")
        self.plan = TimetablePlan(shape, groups=list(shape.groups))
        self.busy: dict[str, set[tuple[int, int]]] = defaultdict(set)  # division code → slots
        self.pools: dict[str, list[PlannedTeacher]] = defaultdict(list)
        self.room_busy: dict[str, set[tuple[int, int]]] = defaultdict(set)
        room_count = max(shape.room_count, len(shape.divisions) + len(shape.groups) // 2 + 4)
        self.plan.rooms = [f"S{100 * (1 + n // 20) + n % 20 + 1}" for n in range(room_count)]

    def run(self) -> TimetablePlan:
        for group in self.shape.groups:
            if group.subject_code:
                for _ in range(group.hours):
                    self._place(group.subject_code, group.parents, (group.code,))
        for division in self.shape.divisions:
            self._division(division)
        return self.plan

    def _division(self, division: StructureShape) -> None:
        for item in self.shape.curriculum:
            for _ in range(item.hours):
                self._place(item.subject_code, (division.code,), ())
            if item.paired_with:
                self._place_pair(item.subject_code, item.paired_with, division.code)
        if self.shape.split_subjects:
            halves = tuple(
                StructureShape(f"{division.code} G{n}", f"{division.label} groupe {n}", (), (division.code,))
                for n in (1, 2)
            )
            self.plan.groups.extend(halves)
            for subject in self.shape.split_subjects:
                self._place_halves(subject, division.code, halves)

    def _free_slots(self, divisions: tuple[str, ...]) -> list[tuple[int, int]]:
        slots = [slot for slot in SLOTS if all(slot not in self.busy[code] for code in divisions)]
        self.rng.shuffle(slots)
        return slots

    def _place(self, subject: str, divisions: tuple[str, ...], groups: tuple[str, ...]) -> None:
        """A group course books its parent divisions' slot but is taught to the group alone."""
        slot, teachers, rooms = self._find((subject,), 1, divisions)
        audience = () if groups else divisions
        self.plan.courses.append(PlannedCourse(subject, teachers[0].sts_id, audience, groups, rooms[0], *slot))

    def _place_pair(self, subject_a: str, subject_b: str, division: str) -> None:
        """One slot: ``subject_a`` on week A, ``subject_b`` on week B, same room (the class alternates)."""
        slot, teachers, rooms = self._find((subject_a, subject_b), 1, (division,))
        for teacher, subject, week in zip(teachers, (subject_a, subject_b), (WEEK_A, WEEK_B), strict=True):
            self.plan.courses.append(PlannedCourse(subject, teacher.sts_id, (division,), (), rooms[0], *slot, week))

    def _place_halves(self, subject: str, division: str, halves: tuple[StructureShape, ...]) -> None:
        """The class split in two half-groups taught at the same time by two teachers in two rooms."""
        slot, teachers, rooms = self._find((subject, subject), 2, (division,))
        for half, teacher, room in zip(halves, teachers, rooms, strict=True):
            self.plan.courses.append(PlannedCourse(subject, teacher.sts_id, (), (half.code,), room, *slot))

    def _find(
        self, subjects: tuple[str, ...], room_count: int, divisions: tuple[str, ...]
    ) -> tuple[tuple[int, int], list[PlannedTeacher], list[str]]:
        """A free slot with rooms and one teacher per subject, preferring teachers already hired; books it."""
        candidates = self._free_slots(divisions)
        for hire in (False, True):
            for slot in candidates:
                rooms = self._rooms(slot, room_count)
                teachers = self._teachers(subjects, slot, hire=hire) if rooms else None
                if teachers is not None:
                    self._book(slot, divisions, rooms)
                    return slot, teachers, rooms
        raise ValueError(f"no free slot left for {subjects[0]} in {', '.join(divisions)}")

    def _teachers(self, subjects: tuple[str, ...], slot: tuple[int, int], *, hire: bool) -> list[PlannedTeacher] | None:
        taken: list[PlannedTeacher] = []
        for subject in subjects:
            teacher = self._teacher(subject, slot, exclude=taken, hire=hire)
            if teacher is None:
                return None
            taken.append(teacher)
        for teacher in taken:
            teacher.busy.add(slot)
        return taken

    def _book(self, slot: tuple[int, int], divisions: tuple[str, ...], rooms: list[str]) -> None:
        for code in divisions:
            self.busy[code].add(slot)
        for room in rooms:
            self.room_busy[room].add(slot)

    def _rooms(self, slot: tuple[int, int], count: int) -> list[str]:
        free = [room for room in self.plan.rooms if slot not in self.room_busy[room]]
        return free[:count] if len(free) >= count else []

    def _teacher(
        self, subject: str, slot: tuple[int, int], *, exclude: list[PlannedTeacher], hire: bool
    ) -> PlannedTeacher | None:
        for teacher in self.pools[subject]:
            if teacher.load < self.shape.max_teacher_hours and slot not in teacher.busy and teacher not in exclude:
                return teacher
        return self._hire(subject) if hire else None

    def _hire(self, subject: str) -> PlannedTeacher:
        number = len(self.plan.teachers)
        sex = self.rng.choice("12")
        teacher = PlannedTeacher(
            sts_id=str(4000 + number * 7),
            civility=sex,
            last_name=LAST_NAMES[number % len(LAST_NAMES)] + ("" if number < len(LAST_NAMES) else f"-{number}"),
            first_name=self.rng.choice(FIRST_NAMES[sex]),
            grade=self.rng.choice(GRADES),
            subject_code=subject,
        )
        self.plan.teachers.append(teacher)
        self.pools[subject].append(teacher)
        return teacher


def plan_timetable(shape: SchoolShape, *, seed: int = 1) -> TimetablePlan:
    return _Planner(shape, seed).run()
