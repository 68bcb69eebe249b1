"""The two lookups on every request's path (the API token, the member's access) are plain SQL: they
load what the ORM would, on PostgreSQL (production) and SQLite (make run)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.http import Http404
from django.utils import timezone

from api.models import ApiToken
from api.selectors import api_token_digest, api_token_for_key
from establishments.models import Establishment, Membership, Organisation
from establishments.selectors import establishment_access_for_user

pytestmark = pytest.mark.django_db(databases=["default", "sqlite"])
RAW_TOKEN = "nsp_" + "a" * 43


@pytest.fixture(params=["default", "sqlite"])
def using(request) -> str:
    """PostgreSQL (production), then SQLite (make run)."""
    return request.param


def _cite(using: str) -> tuple[Organisation, list[Establishment]]:
    organisation = Organisation.objects.using(using).create(name="Cité scolaire Jean Moulin")
    establishments = [
        Establishment(organisation=organisation, uai=uai, name=name)
        for uai, name in (("0691235T", "Lycée Jean Moulin"), ("0691234S", "Collège Jean Moulin"))
    ]
    for establishment in establishments:
        establishment.save(using=using)
    return organisation, establishments


def _member(using: str, organisation: Organisation, *, limited_to=(), is_active: bool = True) -> User:
    user = User.objects.db_manager(using).create_user(username="alice", first_name="Alice")
    membership = Membership(user=user, organisation=organisation, is_concepteur=True, is_active=is_active)
    membership.save(using=using)
    membership.establishments.set(limited_to)
    return user


def test_a_member_sees_every_establishment_of_the_organisation(using):
    organisation, _ = _cite(using)
    user = _member(using, organisation)
    establishment, membership, visible = establishment_access_for_user(user, "0691234S", using)
    assert (establishment.uai, membership.is_concepteur, membership.organisation.name) == (
        "0691234S",
        True,
        "Cité scolaire Jean Moulin",
    )
    assert [(est.name, est.organisation.name) for est in visible] == [
        ("Collège Jean Moulin", "Cité scolaire Jean Moulin"),
        ("Lycée Jean Moulin", "Cité scolaire Jean Moulin"),
    ]


def test_a_limited_member_sees_only_their_establishments(using):
    organisation, (lycee, college) = _cite(using)
    user = _member(using, organisation, limited_to=[college])
    assert [est.uai for est in establishment_access_for_user(user, "0691234S", using)[2]] == ["0691234S"]


def test_a_limited_member_gets_404_for_the_other_establishments(using):
    organisation, (lycee, college) = _cite(using)
    user = _member(using, organisation, limited_to=[college])
    with pytest.raises(Http404):
        establishment_access_for_user(user, "0691235T", using)


def test_a_deactivated_member_gets_404(using):
    organisation, _ = _cite(using)
    user = _member(using, organisation, is_active=False)
    with pytest.raises(Http404):
        establishment_access_for_user(user, "0691234S", using)


def test_an_unknown_uai_gets_404(using):
    organisation, _ = _cite(using)
    with pytest.raises(Http404):
        establishment_access_for_user(_member(using, organisation), "0999999Z", using)


def test_a_token_loads_as_the_orm_loads_it(using):
    organisation, _ = _cite(using)
    user = _member(using, organisation)
    expiry = timezone.now() + datetime.timedelta(days=30)
    ApiToken.objects.using(using).create(
        user=user, name="ENT", prefix=RAW_TOKEN[:12], key_hash=api_token_digest(RAW_TOKEN), expires_at=expiry
    )
    token = api_token_for_key(RAW_TOKEN, using)
    stored = ApiToken.objects.using(using).select_related("user").get()
    assert token is not None
    assert [getattr(token, field.attname) for field in ApiToken._meta.concrete_fields] == [
        getattr(stored, field.attname) for field in ApiToken._meta.concrete_fields
    ]
    assert (token.user.username, token.user.is_active, token.expires_at.tzinfo is not None) == ("alice", True, True)


def test_an_unknown_token_loads_nothing(using):
    assert api_token_for_key(RAW_TOKEN, using) is None
