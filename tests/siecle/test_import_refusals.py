"""Refusals: wrong UAI (sibling or unknown), wrong year, files that disagree, kinds. Nothing is written."""

from __future__ import annotations

import pytest

from tests.siecle.helpers import ALL_EXPORTS, dump_siecle, import_args, make_set, run_import, write_set

pytestmark = pytest.mark.django_db

SHAPE = {
    "uai",
    "year",
    "dry_run",
    "students",
    "guardians",
    "links",
    "divisions",
    "groups",
    "errors",
    "warnings",
    "error",
}


def _refused(out: dict) -> str:
    assert SHAPE <= set(out) and out["errors"] and out["error"] == out["errors"][0]
    assert all(rows == [] for rows in dump_siecle().values())
    return out["error"]


def test_a_file_of_a_sibling_establishment_is_refused_naming_it(cite_college, cite_lycee, tmp_path):
    paths = write_set(tmp_path, make_set(cite_lycee.uai))
    code, out = run_import(*import_args(cite_college.uai, paths))
    assert code == 1
    message = _refused(out)
    assert (
        "Ce fichier concerne le lycée Jean Moulin (UAI 0691235T), pas le collège Jean Moulin (UAI 0691234S)." in message
    )


def test_a_file_of_an_unknown_uai_is_refused(cite_college, other_college, tmp_path):
    for uai in ("0750654D", other_college.uai):  # another organisation's school is not named either
        paths = write_set(tmp_path / uai, make_set(uai))
        code, out = run_import(*import_args(cite_college.uai, paths))
        assert code == 1
        assert f"Ce fichier concerne l'établissement UAI {uai}, pas le collège Jean Moulin" in _refused(out)


def test_a_file_of_another_year_is_refused(cite_college, tmp_path):
    paths = write_set(tmp_path, make_set(cite_college.uai, year=2025))
    code, out = run_import(*import_args(cite_college.uai, paths))
    assert code == 1 and "l'année scolaire 2025-2026, pas 2026-2027" in _refused(out)


def test_files_that_do_not_agree_are_refused(cite_college, cite_lycee, tmp_path):
    eleves = write_set(tmp_path / "a", make_set(cite_college.uai), ("ElevesAvecAdresses",))
    others = write_set(tmp_path / "b", make_set(cite_lycee.uai), ("ResponsablesAvecAdresses",))
    code, out = run_import(*import_args(cite_college.uai, eleves + others))
    assert code == 1 and "0691235T" in _refused(out)


def test_a_duplicate_kind_is_refused(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    paths = write_set(tmp_path / "a", data, ("ElevesAvecAdresses",)) + write_set(
        tmp_path / "b", data, ("ElevesSansAdresses",)
    )
    code, out = run_import(*import_args(cite_college.uai, paths))
    assert code == 1 and "Plusieurs fichiers Élèves" in _refused(out)


def test_the_eleves_file_is_required(cite_college, tmp_path):
    paths = write_set(tmp_path, make_set(cite_college.uai), ALL_EXPORTS[1:])
    code, out = run_import(*import_args(cite_college.uai, paths))
    assert code == 1 and "Élèves est obligatoire" in _refused(out)


def test_an_unknown_establishment_is_refused(db, tmp_path):
    paths = write_set(tmp_path, make_set("0750654D"))
    code, out = run_import(*import_args("0750654D", paths))
    assert code == 1 and "inconnu" in _refused(out)


def test_a_broken_file_is_refused(cite_college, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<BEE_ELEVES><PARAMETRES>")
    code, out = run_import(*import_args(cite_college.uai, [str(broken)]))
    assert code == 1 and out["error"].startswith("broken.xml : ")
