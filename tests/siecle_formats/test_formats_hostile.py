from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest

from siecle.formats import FormatError, Limits, check_file, read_export

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE BEE_ELEVES [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<BEE_ELEVES VERSION="2.2"><PARAMETRES><UAJ>0310053P</UAJ></PARAMETRES><DONNEES><ELEVES>
<ELEVE ELEVE_ID="1"><NOM_DE_FAMILLE>&f;</NOM_DE_FAMILLE><PRENOM>x</PRENOM></ELEVE></ELEVES></DONNEES></BEE_ELEVES>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE BEE_ELEVES [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<BEE_ELEVES VERSION="2.2"><PARAMETRES><UAJ>0310053P</UAJ></PARAMETRES><DONNEES><ELEVES>
<ELEVE ELEVE_ID="1"><NOM_DE_FAMILLE>&secret;</NOM_DE_FAMILLE><PRENOM>x</PRENOM></ELEVE></ELEVES></DONNEES></BEE_ELEVES>
"""


def _refusal(source, **kwargs) -> FormatError:
    with pytest.raises(FormatError) as refusal:
        read_export(source, **kwargs)
    return refusal.value


def _zip(*members: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def _peak_bytes(function) -> int:
    tracemalloc.start()
    try:
        function()
    except FormatError:
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_it_reports_malformed_xml_with_line_and_column(eleves_file, make_eleve):
    data = eleves_file(make_eleve("1")).replace(b"</PRENOM>", b"</PRENOMS>", 1)
    refusal = _refusal(data)
    assert refusal.code == "XML_MALFORMED"
    assert (refusal.line, refusal.column) == (5, data.split(b"\n")[4].index(b"</PRENOMS>") + 11)
    assert "ligne 5" in refusal.message


def test_it_refuses_a_truncated_file(eleves_file, make_eleve):
    data = eleves_file(make_eleve("1"), make_eleve("2", ine="222222222AA"))
    refusal = _refusal(data[: len(data) // 2 + 10])
    assert refusal.code == "XML_MALFORMED" and refusal.line is not None
    assert "tronqué" in refusal.message


def test_it_refuses_an_entity_bomb_without_expanding_it():
    assert _refusal(BILLION_LAUGHS).code == "DTD_FORBIDDEN"
    assert _peak_bytes(lambda: read_export(BILLION_LAUGHS)) < 2_000_000


def test_it_refuses_an_external_entity():
    assert _refusal(EXTERNAL_ENTITY).code == "DTD_FORBIDDEN"


def test_it_finds_a_doctype_hidden_behind_a_comment():
    data = EXTERNAL_ENTITY.replace(b"<!DOCTYPE", b"<!-- " + b"x" * 5000 + b" -->\n<!DOCTYPE", 1)
    assert _refusal(data).code == "DTD_FORBIDDEN"


def test_it_refuses_a_1_gb_file_before_reading_it(tmp_path):
    big = tmp_path / "ElevesAvecAdresses.xml"
    with big.open("wb") as handle:
        handle.write(b'<?xml version="1.0"?><BEE_ELEVES>')
        handle.truncate(1024**3)  # sparse: no disk or memory used
    started = time.monotonic()
    assert _refusal(big).code == "FILE_TOO_LARGE"
    assert time.monotonic() - started < 1  # nothing was read


class _EndlessXml(io.RawIOBase):
    """A non-seekable upload stream that never ends: only the byte counter can stop it."""

    def __init__(self):
        self.served = 0
        self.head = b'<?xml version="1.0"?><BEE_ELEVES><PARAMETRES><UAJ>0310053P</UAJ></PARAMETRES><DONNEES>'

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self.head if self.served == 0 else b"<ELEVES/>" * (len(buffer) // 9)
        buffer[: len(chunk)] = chunk  # buffers are larger than the head: nothing is cut
        self.served += len(chunk)
        return len(chunk)


def test_it_stops_reading_a_stream_past_the_size_cap():
    stream = _EndlessXml()
    refusal = _refusal(stream, limits=Limits(max_xml_bytes=1_000_000))
    assert refusal.code == "FILE_TOO_LARGE"
    assert stream.served < 1_200_000


def test_it_refuses_a_zip_with_two_xml_members(eleves_file, make_eleve):
    data = eleves_file(make_eleve("1"))
    refusal = _refusal(_zip(("ElevesAvecAdresses.xml", data), ("Structures.xml", data)))
    assert refusal.code == "ZIP_MEMBER_COUNT"
    assert "ElevesAvecAdresses.xml, Structures.xml" in refusal.message


def test_it_skips_macosx_and_dot_files_in_a_zip(eleves_file, make_eleve):
    data = eleves_file(make_eleve("1"))
    archive = _zip(
        ("__MACOSX/._ElevesAvecAdresses.xml", b"\x00\x05junk"),
        (".hidden.xml", b"junk"),
        ("ElevesAvecAdresses.xml", data),
    )
    assert [s.eleve_id for s in read_export(archive).students] == ["1"]


@pytest.mark.parametrize(
    "name", ["../ElevesAvecAdresses.xml", "/etc/ElevesAvecAdresses.xml", "a/../../x.xml", "C:\\x.xml"]
)
def test_it_refuses_a_zip_member_with_a_traversal_or_absolute_path(eleves_file, make_eleve, name):
    data = eleves_file(make_eleve("1"))
    archive = _zip(("ElevesAvecAdresses.xml", data), (name, b"x"))
    assert _refusal(archive).code == "ZIP_UNSAFE_PATH"


def test_it_refuses_a_zip_bomb_without_inflating_it():
    bomb = _zip(("ElevesAvecAdresses.xml", b'<?xml version="1.0"?><BEE_ELEVES>' + b" " * 100_000_000))
    assert len(bomb) < 200_000
    assert _refusal(bomb).code == "ZIP_BOMB"
    assert _peak_bytes(lambda: read_export(bomb)) < 5_000_000


def test_it_refuses_a_zip_member_larger_than_the_cap(eleves_file, make_eleve):
    archive = _zip(("ElevesAvecAdresses.xml", eleves_file(make_eleve("1"))))
    assert _refusal(archive, limits=Limits(max_uncompressed_bytes=100)).code == "ZIP_TOO_LARGE"


def test_it_accepts_a_real_sized_compression_ratio(school):
    from siecle.formats.generator import export_zip_bytes

    archive = export_zip_bytes(school, "ResponsablesAvecAdresses")
    assert len(read_export(archive).links) == len(school.people.links)


def test_it_refuses_a_file_whose_root_is_not_a_bee_export(bee):
    refusal = _refusal(bee("sts_emp", "<X/>"))
    assert refusal.code == "WRONG_ROOT" and "sts_emp" in refusal.message


def test_it_refuses_a_file_without_uaj(bee):
    parametres = "<PARAMETRES><ANNEE_SCOLAIRE>2017</ANNEE_SCOLAIRE></PARAMETRES>"
    assert _refusal(bee("BEE_STRUCTURES", "", parametres=parametres)).code == "MISSING_UAJ"


def test_it_refuses_a_file_without_parametres(bee):
    assert _refusal(bee("BEE_STRUCTURES", "<DIVISIONS/>", parametres="")).code == "MISSING_UAJ"


def test_it_warns_about_an_invalid_uaj_and_a_missing_school_year(bee, tmp_path):
    path = tmp_path / "Structures.xml"
    path.write_bytes(bee("BEE_STRUCTURES", "", parametres="<PARAMETRES><UAJ>1237457A</UAJ></PARAMETRES>"))
    result = check_file(path)
    assert [w["code"] for w in result["warnings"]] == ["INVALID_UAI", "MISSING_SCHOOL_YEAR"]
    assert "lettre de contrôle devrait être M" in result["warnings"][0]["message"]
    assert result["errors"] == [] and result["uai"] == "1237457A"


def test_it_refuses_an_empty_file():
    assert _refusal(b"  \n").code == "EMPTY_FILE"


def test_it_refuses_a_corrupt_zip(eleves_file, make_eleve):
    archive = bytearray(_zip(("ElevesAvecAdresses.xml", eleves_file(make_eleve("1")) * 1)))
    archive[60:80] = b"\x00" * 20  # inside the deflated data
    assert _refusal(bytes(archive)).code in {"ZIP_CORRUPT", "XML_MALFORMED"}


def test_it_finds_a_doctype_behind_a_comment_longer_than_any_head_window():
    fake_root = b"<!-- <BEE_ELEVES VERSION='2.2'> " + b"x" * 70 * 1024 + b" -->\n"
    data = EXTERNAL_ENTITY.replace(b"<!DOCTYPE", fake_root + b"<!DOCTYPE", 1)
    assert _refusal(data).code == "DTD_FORBIDDEN"


def test_it_refuses_a_file_with_more_unknown_elements_than_the_cap(eleves_file, make_eleve):
    data = eleves_file(make_eleve("1")).replace(b"<DONNEES>", b"<DONNEES>" + b"<X/>" * 30_000, 1)
    refusal = _refusal(data, limits=Limits(max_other_elements=20_000))
    assert refusal.code == "UNKNOWN_ELEMENTS" and "éléments inconnus" in refusal.message


def test_it_refuses_unknown_elements_nested_deeper_than_the_cap(eleves_file, make_eleve):
    nest = b"<X>" * 40 + b"<Y/>" * 20_000 + b"</X>" * 40
    data = eleves_file(make_eleve("1")).replace(b"<DONNEES>", b"<DONNEES>" + nest, 1)
    refusal = _refusal(data)
    assert refusal.code == "XML_TOO_DEEP" and "niveaux" in refusal.message


def test_it_refuses_a_record_with_more_elements_than_the_cap(eleves_file, make_eleve):
    data = eleves_file(make_eleve("1", extra="<X/>" * 30_000))
    refusal = _refusal(data)
    assert refusal.code == "RECORD_TOO_LARGE" and "une seule fiche" in refusal.message


def test_it_keeps_a_bounded_number_of_issues_and_counts_the_others(eleves_file):
    data = eleves_file(*["<ELEVE/>"] * 50)
    parsed = read_export(data, limits=Limits(max_issues=10))
    assert len(parsed.report.errors) == 10
    assert parsed.report.warnings[-1].code == "TOO_MANY_ISSUES" and "40 autre(s)" in parsed.report.warnings[-1].message


def test_it_refuses_a_file_made_of_more_refused_records_than_the_cap(eleves_file):
    data = eleves_file(*["<ELEVE/>"] * 50)
    refusal = _refusal(data, limits=Limits(max_refused_records=30))
    assert refusal.code == "TOO_MANY_REFUSED_RECORDS"


def test_it_tells_a_text_node_too_long_in_french_and_keeps_libxml2_words_as_detail(eleves_file, make_eleve):
    data = eleves_file(make_eleve("1", nom="A" * (11 * 1024 * 1024)))
    refusal = _refusal(data)
    assert refusal.code == "XML_MALFORMED"
    assert "dépasse les tailles admises" in refusal.message and "Text node" not in refusal.message
    assert "Text node too long" in refusal.detail
    assert refusal.as_issue().as_dict()["detail"] == refusal.detail


def test_it_tells_invalid_bytes_in_french(eleves_file, make_eleve):
    data = eleves_file(make_eleve("1", nom="HÉBERT")).replace(b"ISO-8859-15", b"UTF-8", 1)
    refusal = _refusal(data)
    assert "ne correspondent pas à l'encodage" in refusal.message and "Invalid bytes" not in refusal.message
    assert "Invalid bytes" in refusal.detail


def test_check_reports_the_kind_of_a_file_refused_after_its_root(bee, tmp_path):
    path = tmp_path / "Structures.xml"
    path.write_bytes(
        bee("BEE_STRUCTURES", "", parametres="<PARAMETRES><ANNEE_SCOLAIRE>2017</ANNEE_SCOLAIRE></PARAMETRES>")
    )
    result = check_file(path)
    assert result["errors"][0]["code"] == "MISSING_UAJ"
    assert result["kind"] == "structures"


def test_iter_records_reads_another_formats_records_from_its_first_one():
    from siecle.formats.limits import DEFAULT_LIMITS
    from siecle.formats.source import open_xml
    from siecle.formats.xmlstream import iter_records

    data = b'<?xml version="1.0"?><STS_EDT><PARAMETRES><UAJ>0310053P</UAJ></PARAMETRES><X/><MEF CODE="1"/></STS_EDT>'
    with open_xml(data, DEFAULT_LIMITS) as opened:
        tags = [element.tag for element in iter_records(opened.stream, ("PARAMETRES", "MEF"))]
    assert tags == ["PARAMETRES", "MEF"]
