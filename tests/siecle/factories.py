"""factory_boy factories for the SIECLE tables; related rows stay in the student's establishment and year."""

from __future__ import annotations

import factory
from django_scopes import scopes_disabled
from factory.django import DjangoModelFactory

from establishments.school_years import current_school_year
from siecle.models import Division, Group, Guardian, GuardianLink, Student, StudentDivision, StudentGroup
from tests.factories import EstablishmentFactory


class YearScopedFactory(DjangoModelFactory):
    class Meta:
        abstract = True

    # Subclasses derive these from a related row instead (factory.SelfAttribute).
    establishment: factory.declarations.BaseDeclaration = factory.SubFactory(EstablishmentFactory)
    school_year: factory.declarations.BaseDeclaration = factory.LazyFunction(current_school_year)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():  # factories write outside any request scope
            return model_class.objects.create(*args, **kwargs)


class StudentFactory(YearScopedFactory):
    class Meta:
        model = Student

    eleve_id = factory.Sequence(lambda n: str(1_000_001 + n))
    last_name = factory.Faker("last_name", locale="fr_FR")
    first_name = factory.Faker("first_name", locale="fr_FR")
    ine = factory.Sequence(lambda n: f"{n:09d}AB")


class GuardianFactory(YearScopedFactory):
    class Meta:
        model = Guardian

    person_id = factory.Sequence(lambda n: str(2_000_001 + n))
    civility = "MME"
    last_name = factory.Faker("last_name", locale="fr_FR")
    first_name = factory.Faker("first_name", locale="fr_FR")


class GuardianLinkFactory(YearScopedFactory):
    class Meta:
        model = GuardianLink

    student = factory.SubFactory(StudentFactory)
    guardian = factory.SubFactory(
        GuardianFactory,
        establishment=factory.SelfAttribute("..student.establishment"),
        school_year=factory.SelfAttribute("..student.school_year"),
    )
    establishment = factory.SelfAttribute("student.establishment")
    school_year = factory.SelfAttribute("student.school_year")
    legal_level = 1
    relationship_code = "10"


class DivisionFactory(YearScopedFactory):
    class Meta:
        model = Division

    code = factory.Sequence(lambda n: f"3ÈME {n}")
    label = factory.LazyAttribute(lambda division: f"Division {division.code}")


class GroupFactory(YearScopedFactory):
    class Meta:
        model = Group

    code = factory.Sequence(lambda n: f"3ESP2 GR{n}")


class StudentDivisionFactory(YearScopedFactory):
    class Meta:
        model = StudentDivision

    student = factory.SubFactory(StudentFactory)
    division = factory.SubFactory(
        DivisionFactory,
        establishment=factory.SelfAttribute("..student.establishment"),
        school_year=factory.SelfAttribute("..student.school_year"),
    )
    establishment = factory.SelfAttribute("student.establishment")
    school_year = factory.SelfAttribute("student.school_year")


class StudentGroupFactory(YearScopedFactory):
    class Meta:
        model = StudentGroup

    student = factory.SubFactory(StudentFactory)
    group = factory.SubFactory(
        GroupFactory,
        establishment=factory.SelfAttribute("..student.establishment"),
        school_year=factory.SelfAttribute("..student.school_year"),
    )
    establishment = factory.SelfAttribute("student.establishment")
    school_year = factory.SelfAttribute("student.school_year")
