"""The digest's division and guardian lists name exactly the pupils and guardians whose data changed
(generated SIECLE files, one pupil moved, one guardian's e-mail changed)."""

from __future__ import annotations

import dataclasses

import pytest

from establishments.scoping import establishment_scope
from refresh.changes import digest_lists
from siecle.importing import ImportOptions, import_analyse, import_apply
from tests.jobs.helpers import YEAR, import_files, make_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def college_set(cite_college):
    data = make_set(cite_college.uai, students=30, seed=5)
    with establishment_scope(cite_college):
        import_apply(establishment=cite_college, school_year=YEAR, files=import_files(data), options=ImportOptions())
    return data


def _lists(establishment, data) -> dict:
    with establishment_scope(establishment):
        analysis = import_analyse(
            establishment=establishment, school_year=YEAR, files=import_files(data), options=ImportOptions()
        )
        return digest_lists(analysis)


def _move_one_pupil(data) -> tuple[str, str, str]:
    structures = data.people.structures
    index, moved = next((i, s) for i, s in enumerate(structures) if s.division)
    other = next(code for code in data.divisions if code != moved.division)
    structures[index] = dataclasses.replace(moved, divisions=(other,))
    student = next(s for s in data.people.students if s.eleve_id == moved.eleve_id)
    return f"{student.last_name} {student.first_name}", moved.division, other


def test_a_pupil_changing_division_is_listed_with_before_and_after(cite_college, college_set):
    name, before, after = _move_one_pupil(college_set)
    lists = _lists(cite_college, college_set)
    assert lists["structure_changes"] == [{"name": name, "kind": "division", "before": before, "after": after}]


def test_a_guardian_whose_email_changed_is_listed_with_the_pupils(cite_college, college_set):
    person_id, person = next(iter(college_set.people.persons.items()))
    college_set.people.persons[person_id] = dataclasses.replace(person, email="nouvelle.adresse@example.fr")
    lists = _lists(cite_college, college_set)
    assert [(line["guardian"].split()[-1], line["fields"]) for line in lists["guardian_changes"]] == [
        (person.first_name, "courriel")
    ]
    assert lists["guardian_changes"][0]["name"]  # the pupils' names


def test_nothing_is_listed_when_nothing_changed(cite_college, college_set):
    assert _lists(cite_college, college_set) == {"structure_changes": [], "guardian_changes": []}
