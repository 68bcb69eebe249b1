"""Both responsables formats (RESP_LEGAL before 2018, NIVEAU_RESPONSABILITE since) and guardian links."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from siecle.models import Guardian, GuardianLink
from tests.siecle.helpers import import_args, make_set, run_import, write_set

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["new", "old"])
def test_both_formats_give_guardians_and_legal_levels(cite_college, tmp_path, fmt):
    data = make_set(cite_college.uai, fmt=fmt)
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path, data)))
    assert code == 0, out
    linked = {link.person_id for link in data.people.links}
    assert out["guardians"]["created"] == len(linked & set(data.people.persons))
    assert out["links"]["created"] == len({(link.eleve_id, link.person_id) for link in data.people.links})
    with scopes_disabled():
        assert GuardianLink.objects.filter(legal_level=1).exists()
        assert Guardian.objects.exclude(last_name="").exists()
        if fmt == "old":
            assert GuardianLink.objects.filter(legal_rank__in=[1, 2]).exists()


def test_persons_linked_to_no_pupil_are_skipped(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    dropped = data.people.links[0].person_id
    data.people.links = [link for link in data.people.links if link.person_id != dropped]
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path, data)))
    assert code == 0 and out["guardians"]["skipped"] >= 1
    with scopes_disabled():
        assert not Guardian.objects.filter(person_id=dropped).exists()


def test_a_removed_link_is_deleted_and_a_changed_phone_updated(cite_college, tmp_path):
    import dataclasses

    data = make_set(cite_college.uai)
    run_import(*import_args(cite_college.uai, write_set(tmp_path / "a", data)))
    removed = data.people.links[0]
    data.people.links = data.people.links[1:]
    person_id = data.people.links[-1].person_id
    data.people.persons[person_id] = dataclasses.replace(data.people.persons[person_id], mobile_phone="0611223344")
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path / "b", data)))
    assert out["links"]["deleted"] == 1 and out["guardians"]["updated"] == 1
    with scopes_disabled():
        assert not GuardianLink.objects.filter(
            student__eleve_id=removed.eleve_id, guardian__person_id=removed.person_id
        ).exists()
