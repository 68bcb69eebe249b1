"""A cité scolaire imports its three establishments one after the other: nothing mixes."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from siecle.formats.generator import generate_set
from siecle.models import Division, Guardian, Student, StudentDivision
from tests.siecle.helpers import YEAR, import_args, run_import, write_set

pytestmark = pytest.mark.django_db


def test_three_establishments_imported_in_turn_stay_apart(cite_college, cite_lycee, cite_lp, tmp_path):
    sizes = {cite_college: 50, cite_lycee: 40, cite_lp: 30}
    for establishment, size in sizes.items():
        data = generate_set(uai=establishment.uai, year=YEAR, students=size, seed=7)
        code, out = run_import(
            *import_args(establishment.uai, write_set(tmp_path / establishment.uai, data), "--groups")
        )
        assert code == 0 and out["students"]["created"] == size, out
    with scopes_disabled():
        for establishment, size in sizes.items():
            assert Student.objects.filter(establishment=establishment).count() == size
            assert (
                not StudentDivision.objects.filter(establishment=establishment)
                .exclude(student__establishment=establishment)
                .exists()
            )
            assert (
                not StudentDivision.objects.filter(establishment=establishment)
                .exclude(division__establishment=establishment)
                .exists()
            )
        # The same generated ELEVE_IDs exist in each school: natural keys are per establishment.
        assert Student.objects.filter(eleve_id="1000001").count() == 3
        assert Division.objects.values("establishment").distinct().count() == 3
        assert Guardian.objects.values("establishment").distinct().count() == 3
    # Re-importing the first school changes nothing anywhere.
    data = generate_set(uai=cite_college.uai, year=YEAR, students=50, seed=7)
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path / "again", data), "--groups"))
    assert out["changed"] is False and out["students"]["left"] == 0
