from __future__ import annotations

import io
import re

import pytest

from siecle.formats import FormatError, read_export
from siecle.formats.source import GuardedStream


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


def _refusal(data: bytes) -> FormatError:
    with pytest.raises(FormatError) as refusal:
        read_export(data)
    return refusal.value


def test_it_refuses_utf8_bytes_under_a_latin_9_declaration(eleves_file, make_eleve):
    latin9 = eleves_file(make_eleve("1", nom="HÉBERT", prenom="Zoé"))
    resaved = latin9.decode("iso-8859-15").encode("utf-8")  # declaration still says ISO-8859-15
    refusal = _refusal(resaved)
    assert refusal.code == "ENCODING_MISMATCH" and refusal.line == 5
    assert "ISO-8859-15" in refusal.message and "réenregistré" in refusal.message


def test_it_refuses_latin_9_bytes_under_a_windows_1252_declaration(eleves_file, make_eleve):
    data = eleves_file(make_eleve("1", nom="CŒUR")).replace(b"ISO-8859-15", b"windows-1252", 1)
    assert b"C\xbcUR" in data  # Œ in Latin-9, ¼ in Windows-1252
    refusal = _refusal(data)
    assert refusal.code == "ENCODING_MISMATCH" and "« ¼ »" in refusal.message


def test_it_refuses_windows_1252_bytes_under_a_latin_9_declaration(eleves_file, make_eleve):
    data = eleves_file(make_eleve("1", nom="CŒUR"), encoding="windows-1252").replace(b"windows-1252", b"ISO-8859-15", 1)
    assert b"C\x8cUR" in data  # Œ in Windows-1252, a control character in Latin-9
    assert _refusal(data).code == "ENCODING_MISMATCH"


def test_it_refuses_utf8_encoded_twice(eleves_file, make_eleve):
    twice = "Zoé".encode().decode("latin-1")
    data = eleves_file(make_eleve("1", prenom=twice), encoding="UTF-8")
    assert _refusal(data).code == "ENCODING_MISMATCH"


def test_it_finds_a_telltale_sequence_split_between_two_reads():
    chunks = [b"<NOM>H\xc3", b"\x89BERT</NOM>"]  # « É » in UTF-8, cut in two by the reads
    stream = GuardedStream(b"", io.BytesIO(), max_bytes=1000, encoding="ISO-8859-15")
    stream._raw = type("Chunks", (), {"read": lambda self, size: chunks.pop(0) if chunks else b""})()
    stream.read()
    with pytest.raises(FormatError) as refusal:
        stream.read()
    assert refusal.value.code == "ENCODING_MISMATCH"


def test_it_accepts_genuine_latin_9_accents_and_ligatures(school):
    from siecle.formats.generator import export_xml_bytes

    data = export_xml_bytes(school, "ResponsablesAvecAdresses")
    assert re.search(rb"[\xa4\xa6\xa8\xb4\xb8\xbc-\xbe\xc0-\xff]", data)  # Latin-9 letters are there
    parsed = read_export(data)
    assert len(parsed.persons) == len(school.people.persons)


def test_it_accepts_a_lone_a_circumflex_as_in_chateau(eleves_file, make_eleve):
    parsed = read_export(eleves_file(make_eleve("1", nom="CHÂTEAU", prenom="JOÃO")))
    assert (parsed.students[0].last_name, parsed.students[0].first_name) == ("CHÂTEAU", "JOÃO")


def test_it_refuses_latin_9_bytes_under_a_utf8_declaration(eleves_file, make_eleve):
    data = eleves_file(make_eleve("1", nom="HÉBERT")).replace(b"ISO-8859-15", b"UTF-8", 1)
    with pytest.raises(FormatError) as refusal:
        read_export(data)
    assert refusal.value.code == "XML_MALFORMED" and refusal.value.line == 5
