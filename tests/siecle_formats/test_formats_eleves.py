from __future__ import annotations

import datetime as dt

from siecle.formats import ExportKind, read_export
from siecle.formats.generator import export_xml_bytes


def test_it_reads_a_version_2_2_eleves_file_by_element_name(eleves_file):
    record = (
        '<ELEVE ELEVE_ID="0012345" ELENOET="0042"><DATE_SORTIE></DATE_SORTIE><MEL/>'
        "<PRENOM>  Noé  </PRENOM><NOM_DE_FAMILLE>LE BŒUF</NOM_DE_FAMILLE><ID_NATIONAL>0123456789A</ID_NATIONAL>"
        "<CODE_MEF>1031002611U</CODE_MEF><CODE_DEPARTEMENT_NAISS>093</CODE_DEPARTEMENT_NAISS>"
        "<DATE_NAISS>29/02/2004</DATE_NAISS><DOUBLEMENT>1</DOUBLEMENT><CODE_SEXE>1</CODE_SEXE></ELEVE>"
    )
    parsed = read_export(eleves_file(record))
    student = parsed.students[0]
    assert (student.eleve_id, student.elenoet, student.ine) == ("0012345", "0042", "0123456789A")
    assert (student.last_name, student.first_name) == ("LE BŒUF", "Noé")
    assert (student.mef_code, student.birth_department_code) == ("1031002611U", "093")
    assert student.birth_date == dt.date(2004, 2, 29)
    assert student.repeating is True
    assert student.exit_date is None and student.email is None


def test_it_reads_the_envelope_of_an_eleves_file(eleves_file, make_eleve):
    envelope = read_export(eleves_file(make_eleve("1000001"))).envelope
    assert envelope.kind is ExportKind.ELEVES
    assert (envelope.version, envelope.version_tuple, envelope.uai, envelope.school_year) == (
        "2.2",
        (2, 2),
        "0310053P",
        2017,
    )
    assert envelope.export_date == dt.date(2017, 10, 16)
    assert envelope.timestamp == dt.datetime(2017, 10, 16, 12, 49, 4)


def test_it_reads_a_version_3_0_eleves_file_with_rnie_fields(school):
    parsed = read_export(export_xml_bytes(school, "ElevesAvecAdresses"))
    assert parsed.envelope.version == "3.0"
    with_bea = [s for s in parsed.students if s.ine_bea]
    assert with_bea and all(s.ine_rnie == s.ine for s in parsed.students)


def test_it_reads_an_eleves_sans_adresses_file(school):
    parsed = read_export(export_xml_bytes(school, "ElevesSansAdresses"))
    assert parsed.kind is ExportKind.ELEVES
    assert len(parsed.students) == len(school.people.students)
    assert parsed.addresses == {} and all(s.address_id is None for s in parsed.students)


def test_it_reads_the_legacy_nom_element_as_last_name(eleves_file):
    record = '<ELEVE ELEVE_ID="1000001"><NOM>ANCIEN</NOM><PRENOM>Zoé</PRENOM></ELEVE>'
    assert read_export(eleves_file(record, version="1.7")).students[0].last_name == "ANCIEN"


def test_it_keeps_elenoet_attribute_and_child_apart(eleves_file):
    record = '<ELEVE ELEVE_ID="1" ELENOET="8194"><ELENOET>8193</ELENOET><NOM_DE_FAMILLE>A</NOM_DE_FAMILLE><PRENOM>B</PRENOM></ELEVE>'
    student = read_export(eleves_file(record)).students[0]
    assert (student.elenoet, student.elenoet_element) == ("8194", "8193")


def test_it_counts_only_pupils_without_a_past_exit_date_as_current(eleves_file, make_eleve):
    records = [
        make_eleve("1", ine="111111111AA"),
        make_eleve("2", ine="222222222AA", extra="<DATE_SORTIE>16/10/2017</DATE_SORTIE>"),
        make_eleve("3", ine="333333333AA", extra="<DATE_SORTIE>17/10/2017</DATE_SORTIE>"),
    ]
    counts = read_export(eleves_file(*records)).counts
    assert (counts["students"], counts["current_students"]) == (3, 2)


def test_it_reads_options_structures_grants_and_addresses(eleves_file, make_eleve):
    sections = (
        '<OPTIONS><OPTION ELEVE_ID="1"><OPTIONS_ELEVE><NUM_OPTION>1</NUM_OPTION>'
        "<CODE_MODALITE_ELECT>O</CODE_MODALITE_ELECT><CODE_MATIERE>030201</CODE_MATIERE></OPTIONS_ELEVE></OPTION></OPTIONS>"
        '<STRUCTURES><STRUCTURES_ELEVE ELEVE_ID="1"><STRUCTURE><CODE_STRUCTURE>3PEP GR1</CODE_STRUCTURE>'
        "<TYPE_STRUCTURE>G</TYPE_STRUCTURE></STRUCTURE><STRUCTURE><CODE_STRUCTURE>3A</CODE_STRUCTURE>"
        "<TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE></STRUCTURES_ELEVE></STRUCTURES>"
        '<BOURSES><BOURSE ELEVE_ID="1"><CODE_BOURSE>1</CODE_BOURSE><CODE_BOURSE>8</CODE_BOURSE></BOURSE></BOURSES>'
        '<ADRESSES><ADRESSE ADRESSE_ID="0300001"><CODE_POSTAL>     </CODE_POSTAL><LL_PAYS>MAROC</LL_PAYS>'
        "<COMMUNE_ETRANGERE>FÈS</COMMUNE_ETRANGERE></ADRESSE></ADRESSES>"
    )
    parsed = read_export(eleves_file(make_eleve("1"), sections=sections))
    option = parsed.options[0]
    assert (option.rank, option.modality_code, option.subject_code) == (1, "O", "030201")
    structures = parsed.structures[0]
    assert (structures.division, structures.groups) == ("3A", ("3PEP GR1",))
    assert parsed.grants[0].codes == ("1", "8")
    address = parsed.addresses["0300001"]
    assert (address.postal_code, address.town, address.country_label) == (None, "FÈS", "MAROC")


def test_it_skips_the_second_pupil_with_a_duplicate_ine(eleves_file, make_eleve):
    parsed = read_export(eleves_file(make_eleve("1"), make_eleve("2", nom="MARTIN")))
    assert [s.eleve_id for s in parsed.students] == ["1"]
    issue = parsed.report.errors[0]
    assert (issue.code, issue.eleve_id, issue.ine, issue.name) == ("DUPLICATE_INE", "2", "123456789AB", "MARTIN Léa")
    assert "ELEVE_ID 1" in issue.message


def test_it_imports_a_pupil_without_ine_with_a_warning(eleves_file, make_eleve):
    parsed = read_export(eleves_file(make_eleve("1", ine=None)))
    assert parsed.students[0].ine is None
    assert [w.code for w in parsed.report.warnings] == ["MISSING_INE"]
    assert parsed.report.errors == []


def test_it_refuses_a_pupil_without_name(eleves_file):
    parsed = read_export(eleves_file('<ELEVE ELEVE_ID="1"><PRENOM>Léa</PRENOM></ELEVE>'))
    assert parsed.students == []
    assert parsed.report.errors[0].code == "MISSING_NAME"
    assert parsed.counts["rejected_students"] == 1


def test_it_refuses_a_pupil_whose_exit_date_is_unreadable(eleves_file, make_eleve):
    parsed = read_export(eleves_file(make_eleve("1", extra="<DATE_SORTIE>2017-10-01</DATE_SORTIE>")))
    assert parsed.students == []
    error = parsed.report.errors[0]
    assert (error.code, error.eleve_id, error.name) == ("INVALID_DATE", "1", "DUPONT Léa")


def test_it_keeps_a_pupil_with_an_unreadable_birth_date_with_a_warning(eleves_file):
    record = '<ELEVE ELEVE_ID="1"><NOM_DE_FAMILLE>A</NOM_DE_FAMILLE><PRENOM>B</PRENOM><ID_NATIONAL>123456789AB</ID_NATIONAL><DATE_NAISS>2005-05-03</DATE_NAISS></ELEVE>'
    parsed = read_export(eleves_file(record))
    assert parsed.students[0].birth_date is None
    assert "INVALID_VALUE" in parsed.report.codes()


def test_it_skips_a_second_structures_block_for_one_pupil(eleves_file, make_eleve):
    block = (
        '<STRUCTURES_ELEVE ELEVE_ID="1"><STRUCTURE><CODE_STRUCTURE>{}</CODE_STRUCTURE>'
        "<TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE></STRUCTURES_ELEVE>"
    )
    sections = f"<STRUCTURES>{block.format('3A')}{block.format('3B')}</STRUCTURES>"
    parsed = read_export(eleves_file(make_eleve("1"), sections=sections))
    assert [s.division for s in parsed.structures] == ["3A"]
    error = parsed.report.errors[0]
    assert (error.code, error.eleve_id, error.ine) == ("DUPLICATE_STRUCTURES", "1", "123456789AB")


def test_it_reports_a_pupil_without_code_sexe_with_their_ids_and_name(eleves_file, make_eleve):
    parsed = read_export(eleves_file(make_eleve("1000001", nom="MARTIN", prenom="Camille", sexe=None)))
    issue = next(w for w in parsed.report.warnings if w.code == "MISSING_SEX")
    assert (issue.eleve_id, issue.ine, issue.name) == ("1000001", "123456789AB", "MARTIN Camille")
    assert "CODE_SEXE" in issue.message
    assert len(parsed.students) == 1


def test_it_reports_a_name_holding_a_question_mark_left_by_the_export(eleves_file, make_eleve):
    parsed = read_export(eleves_file(make_eleve("1000001", nom="M?LLER")))
    issue = next(w for w in parsed.report.warnings if w.code == "LOST_CHARACTER")
    assert issue.eleve_id == "1000001" and "NOM_DE_FAMILLE « M?LLER »" in issue.message


def test_it_reports_a_first_name_holding_a_replacement_character(eleves_file, make_eleve):
    parsed = read_export(eleves_file(make_eleve("1000001", prenom="Zo\ufffd"), encoding="UTF-8"))
    issue = next(w for w in parsed.report.warnings if w.code == "LOST_CHARACTER")
    assert "PRENOM « Zo\ufffd »" in issue.message


def test_it_does_not_report_the_blocks_of_a_refused_pupil_as_absent_from_the_list(eleves_file, make_eleve):
    twin = make_eleve("1000002", nom="DOUBLE")  # same INE as 1000001: refused as a duplicate
    blocks = (
        '<STRUCTURES><STRUCTURES_ELEVE ELEVE_ID="1000002"><STRUCTURE><CODE_STRUCTURE>6A</CODE_STRUCTURE>'
        "<TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE></STRUCTURES_ELEVE></STRUCTURES>"
    )
    parsed = read_export(eleves_file(make_eleve("1000001"), twin, sections=blocks))
    assert parsed.report.codes() == ["DUPLICATE_INE"]
