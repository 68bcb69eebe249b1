from __future__ import annotations

import pytest

from siecle.formats import FormatError, read_export


def test_it_decodes_iso_8859_15_as_latin_9_not_latin_1(eleves_file, make_eleve):
    data = eleves_file(make_eleve("1", nom="CŒUR"))
    assert b"C\xbcUR" in data  # 0xBC is Œ in Latin-9 (¼ in Latin-1)
    parsed = read_export(data)
    assert parsed.students[0].last_name == "CŒUR"
    assert parsed.encoding == "ISO-8859-15"


def test_it_accepts_a_utf8_file_with_a_bom(eleves_file, make_eleve):
    data = b"\xef\xbb\xbf" + eleves_file(make_eleve("1", prenom="Maëlys"), encoding="UTF-8")
    parsed = read_export(data)
    assert parsed.students[0].first_name == "Maëlys"
    assert parsed.encoding == "UTF-8"
    assert parsed.report.codes() == []


def test_it_refuses_an_unknown_declared_encoding(eleves_file, make_eleve):
    data = eleves_file(make_eleve("1")).replace(b"ISO-8859-15", b"x-macthai", 1)
    with pytest.raises(FormatError) as refusal:
        read_export(data)
    assert refusal.value.code == "ENCODING_UNSUPPORTED"
    assert "x-macthai" in refusal.value.message


def test_it_warns_about_a_latin_9_file_resaved_as_utf8(eleves_file, make_eleve):
    latin9 = eleves_file(make_eleve("1", nom="HÉBERT", prenom="Zoé"))
    resaved = latin9.decode("iso-8859-15").encode("utf-8")  # declaration still says ISO-8859-15
    parsed = read_export(resaved)
    assert parsed.students[0].last_name == "HÃ\x89BERT"
    warning = next(w for w in parsed.report.warnings if w.code == "MOJIBAKE")
    assert "Ã©" in warning.message and warning.line == 5


def test_it_does_not_flag_genuine_latin_9_accents_as_mojibake(school):
    from siecle.formats.generator import export_xml_bytes

    parsed = read_export(export_xml_bytes(school, "ResponsablesAvecAdresses"))
    assert "MOJIBAKE" not in parsed.report.codes()


def test_it_refuses_latin_9_bytes_under_a_utf8_declaration(eleves_file, make_eleve):
    data = eleves_file(make_eleve("1", nom="HÉBERT")).replace(b"ISO-8859-15", b"UTF-8", 1)
    with pytest.raises(FormatError) as refusal:
        read_export(data)
    assert refusal.value.code == "XML_MALFORMED" and refusal.value.line == 5
