"""The pure ``sts_emp`` reader on crafted files: every part, both roots, mismatches and hostile XML."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from siecle.formats.limits import Limits
from tests.timetables.helpers import sts_xml, zipped
from timetables.formats import FormatError, read_sts, read_sts_header
from timetables.formats.generator import plan_timetable, sts_emp_xml, synthetic_shape


def test_it_reads_the_header():
    export = read_sts(sts_xml())
    assert (export.header.uai, export.header.year, export.header.first_day) == ("0691234S", 2026, dt.date(2026, 9, 1))


def test_it_reads_subjects_mefs_and_course_modalities():
    export = read_sts(sts_xml())
    assert export.subjects["020100"].edition_label == "Français"
    assert export.mefs["10010012110"].formation == "6EME"
    assert export.modalities["CG"].long_label == "COURS GENERAL"


def test_it_reads_teachers_with_their_disciplines():
    teacher = read_sts(sts_xml()).teachers["4189"]
    assert (teacher.kind, teacher.last_name, teacher.birth_name, teacher.civility) == ("epp", "DUPONT", "MARTIN", "2")
    assert teacher.disciplines[0].hours == Decimal("18.00")


def test_it_reads_a_local_teacher_without_birth_date():
    teacher = read_sts(sts_xml()).teachers["8949"]
    assert (teacher.kind, teacher.birth_date, teacher.birth_name) == ("local", None, None)


def test_it_reads_divisions_with_their_mefs_and_services():
    division = read_sts(sts_xml()).divisions["6 A"]
    assert division.mef_codes == ("10010012110",)
    service = division.services[0]
    assert (service.subject_code, service.modality_code, service.teachers[0].hours) == ("020100", "CG", Decimal("4.50"))


def test_it_reads_groups_with_their_parent_divisions():
    group = read_sts(sts_xml()).groups["6 ESP"]
    assert group.division_codes == ("6 A", "6 B")
    assert group.services[0].teachers[0].sts_id == "8949"


def test_it_reads_the_zipped_export():
    assert "6 ESP" in read_sts(zipped(sts_xml())).groups


def test_it_refuses_the_upload_file_with_a_message_saying_so():
    with pytest.raises(FormatError) as refused:
        read_sts(sts_xml(root="EDT_STS"))
    assert refused.value.code == "UPLOAD_FILE"
    assert "vers STS-Web" in refused.value.message


def test_it_refuses_another_root():
    with pytest.raises(FormatError) as refused:
        read_sts(b"<?xml version='1.0'?><BEE_ELEVES><PARAMETRES/></BEE_ELEVES>")
    assert refused.value.code == "WRONG_ROOT"


def test_it_refuses_another_establishments_file():
    with pytest.raises(FormatError) as refused:
        read_sts(sts_xml(uai="0691235T"), uai="0691234S")
    assert refused.value.code == "UAI_MISMATCH"


def test_it_refuses_another_years_file():
    with pytest.raises(FormatError) as refused:
        read_sts(sts_xml(year=2025), uai="0691234S", year=2026)
    assert refused.value.code == "YEAR_MISMATCH"


def test_it_checks_the_header_before_reading_a_broken_body():
    broken = sts_xml(uai="0691235T").replace(b"<DONNEES>", b"<DONNEES><<<")
    with pytest.raises(FormatError) as refused:
        read_sts(broken, uai="0691234S")
    assert refused.value.code == "UAI_MISMATCH"


def test_it_refuses_a_doctype():
    hostile = b'<?xml version="1.0"?><!DOCTYPE STS_EDT [<!ENTITY a "aaaa">]><STS_EDT><PARAMETRES/></STS_EDT>'
    with pytest.raises(FormatError) as refused:
        read_sts(hostile)
    assert refused.value.code == "DTD_FORBIDDEN"


def test_it_reports_malformed_xml_with_its_line():
    with pytest.raises(FormatError) as refused:
        read_sts(sts_xml().replace(b"</INDIVIDUS>", b"</INDIVIDU>"))
    assert refused.value.code == "XML_MALFORMED"
    assert refused.value.line is not None


def test_it_refuses_a_file_over_the_size_cap():
    with pytest.raises(FormatError) as refused:
        read_sts(sts_xml(), limits=Limits(max_xml_bytes=1000))
    assert refused.value.code == "FILE_TOO_LARGE"


def test_it_skips_a_subject_with_an_oversized_code():
    export = read_sts(sts_xml(subjects='<MATIERE CODE="0123456789"><LIBELLE_LONG>X</LIBELLE_LONG></MATIERE>'))
    assert "0123456789" not in export.subjects
    assert "INVALID_CODE" in export.report.codes()


def test_it_skips_a_teacher_with_an_unreadable_id():
    export = read_sts(sts_xml(teachers='<INDIVIDU ID="abc" TYPE="epp"><NOM_USAGE>X</NOM_USAGE></INDIVIDU>'))
    assert len(export.teachers) == 2
    assert "INVALID_TEACHER_ID" in export.report.codes()


def test_it_warns_about_a_service_naming_an_unknown_teacher():
    unknown = (
        '<SERVICE CODE_MATIERE="030602" CODE_MOD_COURS="CG"><ENSEIGNANTS><ENSEIGNANT ID="999"/></ENSEIGNANTS></SERVICE>'
    )
    assert "UNKNOWN_TEACHER" in read_sts(sts_xml(services=unknown)).report.codes()


def test_it_keeps_a_teacher_whose_birth_date_is_unreadable():
    teacher = (
        '<INDIVIDU ID="77" TYPE="epp"><NOM_USAGE>X</NOM_USAGE><DATE_NAISSANCE>31/02/1980</DATE_NAISSANCE></INDIVIDU>'
    )
    export = read_sts(sts_xml(teachers=teacher))
    assert export.teachers["77"].birth_date is None
    assert "INVALID_DATE" in export.report.codes()


def test_it_reads_back_what_the_generator_wrote():
    plan = plan_timetable(synthetic_shape(uai="0691234S", year=2026, divisions=4))
    export = read_sts(sts_emp_xml(plan))
    assert set(export.teachers) == {teacher.sts_id for teacher in plan.teachers}
    assert export.report.errors == []


def test_the_header_reader_checks_the_uai_without_reading_the_body():
    truncated = sts_xml().split(b"<DONNEES>")[0]  # a broken body: only the header is read
    assert read_sts_header(truncated, uai="0691234S", year=2026).uai == "0691234S"
    with pytest.raises(FormatError, match="établissement 0691234S, pas de 0691235T"):
        read_sts_header(truncated, uai="0691235T", year=2026)


def test_the_header_reader_refuses_the_upload_file_towards_sts_web():
    with pytest.raises(FormatError, match="racine EDT_STS"):
        read_sts_header(zipped(sts_xml(root="EDT_STS")))
