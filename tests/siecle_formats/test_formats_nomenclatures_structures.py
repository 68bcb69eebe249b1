from __future__ import annotations

import datetime as dt
from decimal import Decimal

from siecle.formats import ExportKind, read_export
from siecle.formats.generator import export_xml_bytes

NOMENCLATURE_2_0 = (
    '<MEFS><MEF CODE_MEF="1031002611U"><FORMATION>3EME</FORMATION><LIBELLE_LONG>3EME PREPA-METIERS</LIBELLE_LONG>'
    "<NB_OPT_OBLIG>1</NB_OPT_OBLIG><DATE_FERMETURE>31/12/9999</DATE_FERMETURE></MEF></MEFS>"
    '<MATIERES><MATIERE CODE_MATIERE="030201"><CODE_GESTION>AGL1 </CODE_GESTION>'
    "<LIBELLE_EDITION>ANGLAIS LV1</LIBELLE_EDITION></MATIERE></MATIERES>"
    "<PROGRAMMES><PROGRAMME><CODE_MEF>1031002611U</CODE_MEF><CODE_MATIERE>030201</CODE_MATIERE>"
    "<CODE_MODALITE_ELECT>S</CODE_MODALITE_ELECT><HORAIRE>2.00</HORAIRE></PROGRAMME></PROGRAMMES>"
    "<OPTIONS_OBLIGATOIRES><OPTION_OBLIGATOIRE><CODE_MEF>1031002611U</CODE_MEF><CODE_MATIERE>030201</CODE_MATIERE>"
    "<RANG_OPTION>1</RANG_OPTION></OPTION_OBLIGATOIRE></OPTIONS_OBLIGATOIRES>"
    '<REGIMES><REGIME CODE_REGIME="2"><LIBELLE_COURT>DP DAN</LIBELLE_COURT>'
    "<LIBELLE_LONG>DEMI-PENSIONNAIRE DANS L'ÉTABLISSEMENT</LIBELLE_LONG></REGIME></REGIMES>"
    '<BOURSES><BOURSE CODE_BOURSE="1"><LIBELLE_COURT>NAT</LIBELLE_COURT><BOURSE_NATIONALE>1</BOURSE_NATIONALE></BOURSE></BOURSES>'
)
STRUCTURES_2_0 = (
    '<DIVISIONS><DIVISION CODE_STRUCTURE="3A"><LIBELLE_LONG>3A</LIBELLE_LONG><CODE_RNE>0310053P</CODE_RNE>'
    "<MEFS_APPARTENANCE><MEF_APPARTENANCE><CODE_MEF>10310019110</CODE_MEF></MEF_APPARTENANCE>"
    "<MEF_APPARTENANCE><CODE_MEF>1031002611U</CODE_MEF></MEF_APPARTENANCE></MEFS_APPARTENANCE></DIVISION></DIVISIONS>"
    '<GROUPES><GROUPE CODE_STRUCTURE="3PEP GR1"><LIBELLE_LONG></LIBELLE_LONG><CODE_RNE>0310053P</CODE_RNE>'
    "<MEFS_APPARTENANCE><MEF_APPARTENANCE><CODE_MEF>10310019110</CODE_MEF></MEF_APPARTENANCE></MEFS_APPARTENANCE>"
    "<DIVISIONS_APPARTENANCE><DIVISION_APPARTENANCE><CODE_STRUCTURE>3A</CODE_STRUCTURE></DIVISION_APPARTENANCE>"
    "</DIVISIONS_APPARTENANCE></GROUPE></GROUPES>"
)


def test_it_reads_a_version_2_0_nomenclature(bee):
    parsed = read_export(bee("BEE_NOMENCLATURES", NOMENCLATURE_2_0, version="2.0"))
    mef = parsed.mefs["1031002611U"]
    assert parsed.kind is ExportKind.NOMENCLATURES
    assert (mef.formation, mef.mandatory_options, mef.closed_on) == ("3EME", 1, dt.date(9999, 12, 31))
    assert parsed.subjects["030201"].management_code == "AGL1"
    assert parsed.programmes[0].hours == Decimal("2.00")
    assert parsed.mandatory_options[0].rank == 1
    assert parsed.code_tables["REGIMES"]["2"].long_label == "DEMI-PENSIONNAIRE DANS L'ÉTABLISSEMENT"
    assert parsed.code_tables["BOURSES"]["1"].extras == (("BOURSE_NATIONALE", "1"),)


def test_it_reads_a_version_3_1_nomenclature_with_the_same_pair_under_two_modalities(school):
    parsed = read_export(export_xml_bytes(school, "Nomenclature"))
    assert parsed.envelope.version == "3.1"
    keys = [(p.mef_code, p.subject_code, p.modality_code) for p in parsed.programmes]
    assert ("10110001110", "030602", "O") in keys and ("10110001110", "030602", "S") in keys


def test_it_reads_divisions_and_groups_with_their_mefs_and_parent_divisions(bee):
    parsed = read_export(bee("BEE_STRUCTURES", STRUCTURES_2_0, version="2.0"))
    division, group = parsed.divisions["3A"], parsed.groups["3PEP GR1"]
    assert parsed.kind is ExportKind.STRUCTURES
    assert division.mef_codes == ("10310019110", "1031002611U") and division.uai == "0310053P"
    assert (group.label, group.mef_codes, group.division_codes) == (None, ("10310019110",), ("3A",))
    assert parsed.counts == {"divisions": 1, "groups": 1}
