"""Reads of tenancy data. Every lookup of an establishment starts from the user's memberships."""

from __future__ import annotations

from functools import cache

from django.contrib.auth.models import AnonymousUser, User
from django.db import DEFAULT_DB_ALIAS, connection
from django.http import Http404

from establishments.models import Establishment, Membership, Organisation
from netsync_portal.rows import Columns, fetch_rows


def membership_establishments(membership: Membership) -> list[Establishment]:
    limited = list(membership.establishments.all())
    return limited or list(membership.organisation.establishments.all())


def user_memberships(user: User | AnonymousUser) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, is_active=True)
        .select_related("organisation")
        .prefetch_related("establishments__organisation", "organisation__establishments__organisation")
    )


def establishments_for_user(user: User | AnonymousUser) -> list[Establishment]:
    """Every establishment the user may open, across organisations, sorted for the switcher."""
    found = {est.pk: est for m in user_memberships(user) for est in membership_establishments(m)}
    return sorted(found.values(), key=lambda est: (est.organisation.name, est.name, est.uai))


def establishment_memberships_for_user(
    user: User | AnonymousUser,
) -> list[tuple[Establishment, Membership]]:
    """Every establishment the user may open with the membership that gives access, sorted like
    ``establishments_for_user`` (a user has one membership per organisation)."""
    found = [(est, m) for m in user_memberships(user) for est in membership_establishments(m)]
    return sorted(found, key=lambda pair: (pair[0].organisation.name, pair[0].name, pair[0].uai))


@cache
def _access_query() -> tuple[Columns[Membership], Columns[Organisation], Columns[Establishment], str]:
    membership, organisation, establishment = (
        Columns(Membership, "m"),
        Columns(Organisation, "o"),
        Columns(Establishment, "e"),
    )
    through, quote = Membership.establishments.through._meta, connection.ops.quote_name
    # Names from the models; the user, the UAI and True are bound as parameters.
    limited = (
        f"EXISTS (SELECT 1 FROM {quote(through.db_table)} l"  # noqa: S608
        f" WHERE l.{quote(through.get_field('membership').column)} = m.id"
        f" AND l.{quote(through.get_field('establishment').column)} = e.id)"
    )
    sql = (
        f"SELECT {membership.sql}, {organisation.sql}, {establishment.sql}, {limited}"  # noqa: S608
        f" FROM {membership.table} JOIN {organisation.table} ON o.id = m.organisation_id"
        f" JOIN {establishment.table} ON e.organisation_id = o.id"
        f" WHERE m.user_id = %s AND m.is_active = %s"
        f" AND o.id = (SELECT x.organisation_id FROM {quote(Establishment._meta.db_table)} x WHERE x.uai = %s)"
        " ORDER BY e.name, e.uai"
    )
    return membership, organisation, establishment, sql


def establishment_access_for_user(
    user: User | AnonymousUser, uai: str, using: str = DEFAULT_DB_ALIAS
) -> tuple[Establishment, Membership, list[Establishment]]:
    """The establishment ``uai``, the membership giving access, and the organisation's establishments
    this member may see. Http404 when the user may not open it (same answer as a UAI that does not exist).

    Every page and API call starts here: one plain SQL query (netsync_portal.rows) returns the
    membership in the UAI's organisation, and each establishment of that organisation flagged when the
    membership is limited to it."""
    if not user.is_authenticated:
        raise Http404("Établissement inconnu.")
    membership_columns, organisation_columns, establishment_columns, sql = _access_query()
    rows = fetch_rows(sql, [user.pk, True, uai], using)
    if not rows:
        raise Http404("Établissement inconnu.")
    start, end = len(membership_columns), len(membership_columns) + len(organisation_columns)
    membership = membership_columns.load(rows[0][:start], using)
    membership.organisation = organisation_columns.load(rows[0][start:end], using)
    establishments = [(establishment_columns.load(row[end:-1], using), bool(row[-1])) for row in rows]
    visible = [est for est, limited in establishments if limited] or [est for est, _ in establishments]
    for establishment in visible:
        establishment.organisation = membership.organisation  # the same row: no query per establishment
    found = next((est for est in visible if est.uai == uai), None)
    if found is None:  # a member limited to other establishments of the organisation
        raise Http404("Établissement inconnu.")
    return found, membership, visible
