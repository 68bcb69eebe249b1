"""factory_boy factories for the timetable tables; related rows stay in the course's establishment and year."""

from __future__ import annotations

import datetime as dt

import factory
from django_scopes import scopes_disabled

from siecle.models import Subject
from tests.siecle.factories import DivisionFactory, YearScopedFactory
from timetables.models import Course, OpeningHours, Room, Teacher, WeekPattern


def _same_place(factory_class: type, **extra: object) -> factory.SubFactory:
    return factory.SubFactory(
        factory_class,
        establishment=factory.SelfAttribute("..establishment"),
        school_year=factory.SelfAttribute("..school_year"),
        **extra,
    )


class TeacherFactory(YearScopedFactory):
    class Meta:
        model = Teacher

    sts_id = factory.Sequence(lambda n: str(5000 + n))
    last_name = factory.Faker("last_name", locale="fr_FR")
    first_name = factory.Faker("first_name", locale="fr_FR")
    civility = "2"


class RoomFactory(YearScopedFactory):
    class Meta:
        model = Room

    code = factory.Sequence(lambda n: f"S{100 + n}")


class SubjectFactory(YearScopedFactory):
    class Meta:
        model = Subject

    code = factory.Sequence(lambda n: f"{20100 + n:06d}")
    short_label = "FRANCAIS"
    long_label = "FRANCAIS"


class WeekPatternFactory(YearScopedFactory):
    class Meta:
        model = WeekPattern

    code = factory.Sequence(lambda n: f"P{n}")
    label = "Toutes les semaines"
    preset = "all"
    weeks = factory.LazyFunction(lambda: [(dt.date(2026, 9, 7) + dt.timedelta(weeks=n)).isoformat() for n in range(30)])


class OpeningHoursFactory(YearScopedFactory):
    class Meta:
        model = OpeningHours

    weekday = 1
    opens_at = dt.time(8, 0)
    closes_at = dt.time(18, 0)


class CourseFactory(YearScopedFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    subject = _same_place(SubjectFactory)
    week_pattern = _same_place(WeekPatternFactory)
    room = _same_place(RoomFactory)
    weekday = 1
    starts_at = dt.time(8, 0)
    duration_minutes = 60

    @factory.post_generation
    def teachers(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create:
            default = [TeacherFactory(establishment=self.establishment, school_year=self.school_year)]
            with scopes_disabled():
                self.teachers.set(extracted if extracted is not None else default)

    @factory.post_generation
    def divisions(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create:
            default = (
                []
                if kwargs.get("none")
                else [DivisionFactory(establishment=self.establishment, school_year=self.school_year)]
            )
            with scopes_disabled():
                self.divisions.set(extracted if extracted is not None else default)

    @factory.post_generation
    def groups(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            with scopes_disabled():
                self.groups.set(extracted)


def holiday_for(establishment: object) -> object:
    """A holiday of the establishment's current-year calendar (created from the zone's published one)."""
    from establishments.school_years import current_school_year
    from timetables.calendar import calendar_ensure

    calendar = calendar_ensure(establishment=establishment, school_year=current_school_year())  # type: ignore[arg-type]
    with scopes_disabled():
        return calendar.holidays.first()
