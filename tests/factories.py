"""factory_boy factories. Establishments get valid UAIs; members stay inside their organisation."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from establishments.models import Establishment, EstablishmentKind, Membership, Organisation
from establishments.uai import uai_check_letter

TEST_PASSWORD = "Mot-de-passe-de-test-2026"


def _uai(n: int) -> str:
    digits = f"{780000 + n:07d}"
    return digits + uai_check_letter(digits)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")


class EstablishmentFactory(DjangoModelFactory):
    class Meta:
        model = Establishment

    organisation = factory.SubFactory(OrganisationFactory)
    uai = factory.Sequence(_uai)
    name = factory.LazyFunction(lambda: f"Collège {factory.Faker._get_faker(locale='fr_FR').last_name()}")
    kind = EstablishmentKind.COLLEGE


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"personne{n}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    is_administrateur = True
    is_concepteur = False

    @factory.post_generation
    def establishments(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook
        if create and extracted:
            obj.establishments.set(extracted)
