from __future__ import annotations

import io
import zipfile
from collections import Counter

import pytest

from siecle.formats import read_export
from siecle.formats.generator import (
    EXPORT_NAMES,
    export_xml_bytes,
    export_zip_bytes,
    export_zip_for,
    generate_set,
    zip_name,
)


@pytest.fixture(scope="module", params=["new", "old"])
def generated(request, school, old_school):
    return school if request.param == "new" else old_school


def test_it_gives_back_the_generated_pupils_options_structures_grants_and_addresses(generated):
    parsed = read_export(export_zip_bytes(generated, "ElevesAvecAdresses"))
    people = generated.people
    assert parsed.envelope == generated.envelope(parsed.kind)
    assert parsed.students == people.students
    assert (parsed.options, parsed.structures, parsed.grants) == (people.options, people.structures, people.grants)
    assert parsed.addresses == people.student_addresses
    assert parsed.report.errors == []


def test_it_gives_back_the_generated_persons_links_and_addresses(generated):
    parsed = read_export(export_zip_bytes(generated, "ResponsablesAvecAdresses"))
    assert parsed.envelope == generated.envelope(parsed.kind)
    assert parsed.persons == generated.people.persons
    assert parsed.links == generated.people.links
    assert parsed.addresses == generated.people.person_addresses
    assert parsed.report.errors == [] and parsed.report.warnings == []


def test_it_gives_back_the_generated_nomenclature(generated):
    parsed = read_export(export_zip_bytes(generated, "Nomenclature"))
    assert (parsed.mefs, parsed.subjects, parsed.code_tables) == (
        generated.mefs,
        generated.subjects,
        generated.code_tables,
    )
    assert (parsed.programmes, parsed.mandatory_options) == (generated.programmes, generated.mandatory_options)


def test_it_gives_back_the_generated_structures(generated):
    parsed = read_export(export_zip_bytes(generated, "Structures"))
    assert (parsed.divisions, parsed.groups) == (generated.divisions, generated.groups)


def test_it_is_deterministic_for_a_seed():
    first = export_zip_for("ElevesAvecAdresses", uai="0752387M", year=2025, students=50, seed=1)
    again = export_zip_for("ElevesAvecAdresses", uai="0752387M", year=2025, students=50, seed=1)
    other = export_zip_for("ElevesAvecAdresses", uai="0752387M", year=2025, students=50, seed=2)
    assert first == again and first != other


def test_it_packages_each_export_as_a_zip_with_one_named_member(school):
    for name in EXPORT_NAMES:
        with zipfile.ZipFile(io.BytesIO(export_zip_bytes(school, name))) as archive:
            assert archive.namelist() == [f"{name}.xml"]
    assert zip_name("Structures") == "ExportXML_Structures.zip"


def test_it_writes_iso_8859_15_with_french_accents(school):
    data = export_xml_bytes(school, "ResponsablesAvecAdresses") + export_xml_bytes(school, "ElevesAvecAdresses")
    assert data.startswith(b'<?xml version="1.0" encoding="ISO-8859-15"?>')
    text = data.decode("iso-8859-15").lower()  # LE BŒUF: œ in capitals
    assert all(letter in text for letter in "éèçœï")


def test_it_generates_departed_pupils_new_arrivals_and_unplaced_pupils(school):
    students = school.people.students
    departed = [s for s in students if s.exit_date is not None]
    assert 0.15 <= len(departed) / len(students) <= 0.25
    assert all(s.exit_date <= school.export_date for s in departed)
    assert any(s.ine is None and s.exit_date is None for s in students)
    placed = {block.eleve_id for block in school.people.structures}
    assert any(s.exit_date is None and s.eleve_id not in placed for s in students)
    assert any(block.groups for block in school.people.structures)


def test_it_links_one_to_four_guardians_per_pupil_with_shared_addresses(school):
    per_pupil = Counter(link.eleve_id for link in school.people.links)
    assert set(per_pupil.values()) <= {1, 2, 3, 4} and len(per_pupil) == len(school.people.students)
    addresses = Counter(person.address_id for person in school.people.persons.values())
    assert max(addresses.values()) >= 2


def test_it_uses_only_generated_structures_and_subjects(school):
    codes = set(school.divisions) | set(school.groups)
    assert all(set(b.divisions) | set(b.groups) <= codes for b in school.people.structures)
    assert {o.subject_code for o in school.people.options} <= set(school.subjects)


def test_it_generates_5000_pupils_with_consistent_counts():
    data = generate_set(uai="0310053P", year=2024, students=5000, seed=3)
    counts = read_export(export_zip_bytes(data, "ElevesAvecAdresses")).counts
    assert counts["students"] == 5000
    assert counts["current_students"] == sum(1 for s in data.people.students if s.exit_date is None)


def test_it_produces_the_same_zip_bytes_for_the_same_seed_whatever_the_clock():
    import time

    from siecle.formats.generator import export_zip_for

    first = export_zip_for("ElevesAvecAdresses", uai="0691234S", year=2026, students=20, seed=3)
    time.sleep(2.1)  # zip times have a two-second resolution
    assert export_zip_for("ElevesAvecAdresses", uai="0691234S", year=2026, students=20, seed=3) == first
