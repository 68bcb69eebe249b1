"""Addresses: one row per ADRESSE_ID, shared by the people living there, updated in place, orphans dropped."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from establishments.school_years import current_school_year
from siecle.formats.generator import export_zip_bytes, zip_name
from siecle.models import Address, Guardian, Student
from tests.siecle.helpers import ALL_EXPORTS, dump_siecle, import_args, make_set, run_import, write_set

pytestmark = pytest.mark.django_db


def _shared_address(data) -> tuple[str, list[str]]:
    """An ADRESSE_ID of several linked persons, and those persons."""
    linked = {link.person_id for link in data.people.links}
    counts = Counter(p.address_id for pid, p in data.people.persons.items() if pid in linked and p.address_id)
    address_id = next(key for key, count in counts.items() if count >= 2)
    return address_id, [pid for pid, p in data.people.persons.items() if p.address_id == address_id and pid in linked]


def _referenced(data) -> set[str]:
    linked = {link.person_id for link in data.people.links}
    persons = {p.address_id for pid, p in data.people.persons.items() if pid in linked}
    return ({s.address_id for s in data.people.students} | persons) - {None}


def test_a_shared_address_is_stored_once_and_linked_to_every_guardian(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    address_id, person_ids = _shared_address(data)
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path, data)))
    assert code == 0, out
    assert out["addresses"]["created"] == len(_referenced(data))
    with scopes_disabled():
        assert Address.objects.count() == len(_referenced(data))
        stored = Address.objects.get(address_id=address_id)
        assert set(stored.guardians.values_list("person_id", flat=True)) == set(person_ids)
        assert stored.postal_label == data.people.person_addresses[address_id].postal_label
        pupil = next(s for s in data.people.students if s.address_id)
        assert Student.objects.get(eleve_id=pupil.eleve_id).address.address_id == pupil.address_id


def test_only_addresses_of_stored_people_are_kept(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    dropped = data.people.links[0].person_id
    data.people.links = [link for link in data.people.links if link.person_id != dropped]
    run_import(*import_args(cite_college.uai, write_set(tmp_path / "a", data)))
    with scopes_disabled():
        assert set(Address.objects.values_list("address_id", flat=True)) == _referenced(data)
    # A guardian moves to a new ADRESSE_ID nobody else had: the old row is deleted when no one points to it.
    _address_id, person_ids = _shared_address(data)
    for person_id in person_ids:
        person = data.people.persons[person_id]
        data.people.person_addresses["9999999"] = dataclasses.replace(
            data.people.person_addresses[person.address_id], address_id="9999999"
        )
        data.people.persons[person_id] = dataclasses.replace(person, address_id="9999999")
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path / "b", data)))
    assert code == 0 and out["guardians"]["updated"] == len(person_ids)
    assert (out["addresses"]["created"], out["addresses"]["deleted"]) == (1, 1)
    with scopes_disabled():
        assert set(Address.objects.values_list("address_id", flat=True)) == _referenced(data)


def test_an_address_change_is_applied_on_reimport_and_reported(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    address_id, person_ids = _shared_address(data)
    run_import(*import_args(cite_college.uai, write_set(tmp_path / "a", data)))
    old = data.people.person_addresses[address_id]
    data.people.person_addresses[address_id] = dataclasses.replace(old, line2="12 RUE DES TILLEULS")
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path / "b", data)))
    assert code == 0 and out["changed"] is True
    assert out["addresses"] == {**out["addresses"], "created": 0, "updated": 1, "deleted": 0}
    assert out["guardians"]["updated"] == out["students"]["updated"] == 0
    with scopes_disabled():
        for guardian in Guardian.objects.filter(person_id__in=person_ids).select_related("address"):
            assert guardian.address.line2 == "12 RUE DES TILLEULS"
        assert Address.objects.filter(address_id=address_id).count() == 1


def test_a_reimport_of_the_same_records_changes_no_address(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    run_import(*import_args(cite_college.uai, write_set(tmp_path, data), "--with-nomenclatures", "--groups"))
    before = dump_siecle(with_runs=False)
    zipped = []
    for name in ALL_EXPORTS:  # other bytes: no checksum shortcut, the full analysis runs
        path = tmp_path / zip_name(name)
        path.write_bytes(export_zip_bytes(data, name))
        zipped.append(str(path))
    code, out = run_import(*import_args(cite_college.uai, zipped, "--with-nomenclatures", "--groups"))
    assert code == 0 and out["changed"] is False, out
    assert out["addresses"] == {"created": 0, "updated": 0, "deleted": 0, "unchanged": len(_referenced(data))}
    assert dump_siecle(with_runs=False) == before


def test_an_import_without_responsables_keeps_the_guardians_addresses(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    run_import(*import_args(cite_college.uai, write_set(tmp_path / "a", data)))
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path / "b", data, ("ElevesAvecAdresses",))))
    assert code == 0 and out["addresses"]["deleted"] == 0
    with scopes_disabled():
        assert set(Address.objects.values_list("address_id", flat=True)) == _referenced(data)


def test_deleting_an_address_keeps_the_people(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    address_id, person_ids = _shared_address(data)
    run_import(*import_args(cite_college.uai, write_set(tmp_path, data)))
    with scopes_disabled():
        Address.objects.filter(address_id=address_id).delete()
        assert Guardian.objects.filter(person_id__in=person_ids, address__isnull=True).count() == len(person_ids)
        cite_college.delete()  # SET_NULL never blocks the establishment's cascade
        assert not Address.objects.exists() and not Student.objects.exists()


def test_the_student_page_shows_the_pupil_and_guardians_addresses(client_for, concepteur_user, cite_college, tmp_path):
    year = current_school_year()
    data = make_set(cite_college.uai, year=year)
    address_id, person_ids = _shared_address(data)
    eleve_id = next(link.eleve_id for link in data.people.links if link.person_id == person_ids[0])
    run_import(*import_args(cite_college.uai, write_set(tmp_path, data), year=year))
    with scopes_disabled():
        student = Student.objects.get(eleve_id=eleve_id)
    page = (
        client_for(concepteur_user)
        .get(reverse("siecle:student", kwargs={"uai": cite_college.uai, "student_id": student.pk}))
        .content.decode()
    )
    assert page.count(f'data-address-id="{address_id}"') == 2
    assert "même adresse que" in page
    town = data.people.person_addresses[address_id].town
    assert town in page


def test_an_adresse_id_of_both_files_is_one_row_the_responsables_one(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    address_id, person_ids = _shared_address(data)
    eleve_id = next(link.eleve_id for link in data.people.links if link.person_id == person_ids[0])
    index = next(i for i, s in enumerate(data.people.students) if s.eleve_id == eleve_id)
    data.people.students[index] = dataclasses.replace(data.people.students[index], address_id=address_id)
    data.people.student_addresses[address_id] = dataclasses.replace(
        data.people.person_addresses[address_id], line1="AUTRE VERSION"
    )
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path, data)))
    assert code == 0 and any(f"ADRESSE_ID {address_id}" in warning for warning in out["warnings"])
    with scopes_disabled():
        stored = Address.objects.get(address_id=address_id)
        assert stored.line1 == data.people.person_addresses[address_id].line1
        assert Student.objects.get(eleve_id=eleve_id).address_id == stored.pk
        assert stored.guardians.count() == len(person_ids)
