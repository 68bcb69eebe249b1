"""Refusing early: a file of another establishment, year or kind is refused from its header, before its body."""

from __future__ import annotations

from pathlib import Path

import pytest

from siecle.formats import ExportKind
from siecle.formats.generator import export_xml_bytes
from siecle.importing import ImportFile, ImportOptions, identify_file, import_analyse
from tests.siecle.helpers import YEAR, dump_siecle, import_args, make_set, run_import

pytestmark = pytest.mark.django_db

BROKEN_BODY = b"<ELEVE ELEVE_ID='1'><NOM_DE_FAMILLE>oops</ELEVE>"  # malformed: only a full read sees it


def _with_broken_body(data: bytes) -> bytes:
    return data.replace(b"<DONNEES>", b"<DONNEES>" + BROKEN_BODY, 1)


def test_identify_file_gives_the_kind_uai_and_year_of_a_good_file(cite_college):
    data = export_xml_bytes(make_set(cite_college.uai, students=5), "ResponsablesAvecAdresses")
    identified = identify_file("Responsables.xml", data, establishment=cite_college, school_year=YEAR)
    assert (identified.kind, identified.uai, identified.school_year) == (ExportKind.RESPONSABLES, "0691234S", YEAR)
    assert identified.errors == () and not identified.refused


def test_identify_file_names_the_sibling_a_file_belongs_to_without_reading_its_body(cite_college, cite_lycee):
    data = _with_broken_body(export_xml_bytes(make_set(cite_lycee.uai, students=5), "ElevesAvecAdresses"))
    identified = identify_file("Eleves.xml", data, establishment=cite_college, school_year=YEAR)
    assert identified.kind is ExportKind.ELEVES
    assert identified.errors == (
        "Eleves.xml : Ce fichier concerne le lycée Jean Moulin (UAI 0691235T), "
        "pas le collège Jean Moulin (UAI 0691234S).",
    )


def test_identify_file_refuses_another_school_year(cite_college):
    data = export_xml_bytes(make_set(cite_college.uai, students=5, year=YEAR - 1), "Structures")
    identified = identify_file("Structures.xml", data, establishment=cite_college, school_year=YEAR)
    assert identified.errors == ("Structures.xml : ce fichier concerne l'année scolaire 2025-2026, pas 2026-2027.",)


def test_identify_file_gives_a_french_refusal_and_the_kind_of_a_file_without_uaj(cite_college):
    data = b'<?xml version="1.0"?><BEE_STRUCTURES VERSION="2.0"><PARAMETRES/><DONNEES/></BEE_STRUCTURES>'
    identified = identify_file("Structures.xml", data, establishment=cite_college, school_year=YEAR)
    assert identified.kind is ExportKind.STRUCTURES
    assert identified.errors == (
        "Structures.xml : L'UAJ (code UAI de l'établissement) manque dans PARAMETRES : fichier refusé.",
    )


def test_identify_file_refuses_a_file_that_is_not_an_export(cite_college):
    identified = identify_file("photo.xml", b"<html><body/></html>", establishment=cite_college, school_year=YEAR)
    assert identified.kind is None and "Élément racine « html » inattendu" in identified.errors[0]


def test_the_analysis_refuses_a_siblings_file_from_its_header_without_reading_the_body(cite_college, cite_lycee):
    data = make_set(cite_lycee.uai, students=5)
    files = [ImportFile("Eleves.xml", _with_broken_body(export_xml_bytes(data, "ElevesAvecAdresses")))]
    analysis = import_analyse(establishment=cite_college, school_year=YEAR, files=files, options=ImportOptions())
    assert len(analysis.errors) == 1 and "Ce fichier concerne le lycée Jean Moulin" in analysis.errors[0]


def test_the_command_checks_the_size_of_a_file_before_reading_it(cite_college, tmp_path, monkeypatch):
    big = tmp_path / "ElevesAvecAdresses.xml"
    with big.open("wb") as handle:
        handle.write(export_xml_bytes(make_set(cite_college.uai, students=5), "ElevesAvecAdresses"))
        handle.truncate(300 * 1024 * 1024)  # sparse: over the 256 MiB cap, no disk used

    def no_reading(self: Path) -> bytes:
        raise AssertionError(f"{self} was read whole")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    code, out = run_import(*import_args(cite_college.uai, [str(big)]))
    assert code == 1 and "trop volumineux" in out["error"]
    assert all(rows == [] for rows in dump_siecle().values())


def test_a_file_is_not_read_whole_when_it_is_over_the_cap(tmp_path, monkeypatch):
    big = tmp_path / "ElevesAvecAdresses.zip"
    with big.open("wb") as handle:
        handle.truncate(300 * 1024 * 1024)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    with pytest.raises(Exception, match="trop volumineux"):
        ImportFile.from_path(big)
