"""Personas (healthchecks style): a cité scolaire with three establishments and its members, and an
outsider who belongs to another organisation only."""

from __future__ import annotations

import pytest
from django.test import Client

from establishments.models import EstablishmentKind
from tests.factories import EstablishmentFactory, MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def cite(db):
    return OrganisationFactory(name="Cité scolaire Jean Moulin")


@pytest.fixture
def cite_college(cite):
    return EstablishmentFactory(
        organisation=cite, uai="0691234S", name="Collège Jean Moulin", kind=EstablishmentKind.COLLEGE
    )


@pytest.fixture
def cite_lycee(cite):
    return EstablishmentFactory(
        organisation=cite, uai="0691235T", name="Lycée Jean Moulin", kind=EstablishmentKind.LYCEE
    )


@pytest.fixture
def cite_lp(cite):
    return EstablishmentFactory(
        organisation=cite, uai="0691236U", name="Lycée professionnel Jean Moulin", kind=EstablishmentKind.LP
    )


@pytest.fixture
def other_org(db):
    return OrganisationFactory(name="Collège Victor Hugo")


@pytest.fixture
def other_college(other_org):
    return EstablishmentFactory(organisation=other_org, uai="0381111B", name="Collège Victor Hugo")


@pytest.fixture
def admin_user(cite, cite_college, cite_lycee, cite_lp):
    return MembershipFactory(user=UserFactory(username="alice"), organisation=cite, is_administrateur=True).user


@pytest.fixture
def concepteur_user(cite, cite_college, cite_lycee, cite_lp):
    membership = MembershipFactory(
        user=UserFactory(username="bob"), organisation=cite, is_administrateur=False, is_concepteur=True
    )
    return membership.user


@pytest.fixture
def cite_staff_user(cite, cite_college, cite_lycee, cite_lp):
    membership = MembershipFactory(
        user=UserFactory(username="claire"),
        organisation=cite,
        is_administrateur=True,
        is_concepteur=True,
        establishments=[cite_college, cite_lycee],
    )
    return membership.user


@pytest.fixture
def outsider(other_org, other_college):
    membership = MembershipFactory(
        user=UserFactory(username="charlie"), organisation=other_org, is_administrateur=True, is_concepteur=True
    )
    return membership.user


@pytest.fixture
def client_for():
    """A logged-in test client for a user: ``client_for(admin_user).get(...)``."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _empty_cache():
    """Login throttling and cached contexts live in the cache: each test starts from an empty one."""
    from django.core.cache import cache

    cache.clear()
    yield
