"""The writers: round trip through the reader, declared encodings, element order, same data → same bytes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from lxml import etree

from exports.formats import (
    Course,
    GroupLink,
    Membership,
    OpeningDay,
    PupilGroups,
    Service,
    Structure,
    StudentGroupsExport,
    TeacherCourses,
    Timetable,
    UnwritableText,
    WeekPattern,
    read_edt_sts,
    read_import_eleves,
    write_edt_sts,
    write_import_eleves,
    write_vie_etablissement,
)

WEEKS = tuple(dt.date(2026, 9, 7) + dt.timedelta(weeks=n) for n in range(3))


def timetable(**changes: Any) -> Timetable:
    french = Service(
        "020100", "CG", (TeacherCourses("4189", "epp", (Course("H", 1, 480, 60, "S01"), Course("H", 3, 630, 90, ""))),)
    )
    spanish = Service("030602", "CG", (TeacherCourses("20048", "local", (Course("A", 4, 840, 60, "S02"),)),))
    data = Timetable(
        uai="0691234S",
        school_year=2026,
        application="NetSynchro Portal",
        opening=(OpeningDay(1, 480, 1050), OpeningDay(3, 480, 720)),
        week_patterns=(WeekPattern("A", "A", "Semaine A", WEEKS[::2]), WeekPattern("H", "H", "Toutes les semaines", WEEKS)),
        rooms=("S01", "S02"),
        teachers=("4189", "20048"),
        divisions=(Structure("3 A", (french,)), Structure("3 B", ())),
        groups=(Structure("3ESP GR1", (spanish,), label="Espagnol élèves", divisions=(GroupLink("3 A", 12), GroupLink("3 B", 9))),),
    )  # fmt: skip
    return dataclasses.replace(data, **changes)


def pupils() -> StudentGroupsExport:
    return StudentGroupsExport(
        uai="0691234S",
        school_year=2026,
        export_date=dt.date(2026, 10, 15),
        send_number=3,
        application="NetSynchro Portal",
        pupils=(
            PupilGroups("145778", "MARTIN", "Léo", dt.date(2014, 3, 2), (Membership("6 GR1", dt.date(2026, 9, 1), dt.date(2027, 7, 4)),)),
            PupilGroups("145779", "NGUYỄN", "Ōtsuka", None, ()),
        ),
    )  # fmt: skip


def test_it_reads_back_the_edt_sts_it_writes():
    assert read_edt_sts(write_edt_sts(timetable())) == timetable()


def test_it_writes_edt_sts_in_the_iso_8859_15_it_declares():
    data = write_edt_sts(timetable())
    assert data.startswith(b'<?xml version="1.0" encoding="ISO-8859-15"?>')
    assert "Espagnol élèves".encode("iso-8859-15") in data
    assert etree.fromstring(data).find("DONNEES/STRUCTURE/GROUPES/GROUPE/LIBELLE_LONG").text == "Espagnol élèves"


def test_it_refuses_a_character_iso_8859_15_lacks_rather_than_replace_it():
    with pytest.raises(UnwritableText) as refused:
        write_edt_sts(timetable(rooms=("Salle Œ", "Salle ≠")))
    assert refused.value.characters == "≠"


def test_it_writes_the_elements_in_the_order_of_the_dtd():
    root = etree.fromstring(write_edt_sts(timetable()))
    assert [child.tag for child in root] == ["PARAMETRES", "DONNEES"]
    assert [child.tag for child in root.find("PARAMETRES")] == ["UAJ", "ANNEE_SCOLAIRE", "APPLICATION_SOURCE"]
    assert [c.tag for c in root.find("DONNEES")] == [
        "HORAIRES",
        "ALTERNANCES",
        "SALLES_COURS",
        "INDIVIDUS",
        "STRUCTURE",
    ]
    assert [c.tag for c in root.find("DONNEES/STRUCTURE")] == ["DIVISIONS", "GROUPES"]
    group = root.find("DONNEES/STRUCTURE/GROUPES/GROUPE")
    assert [c.tag for c in group] == ["LIBELLE_LONG", "DIVISIONS_APPARTENANCE", "SERVICES"]
    course = root.find(".//COURS")
    assert [c.tag for c in course] == ["CODE_ALTERNANCE", "JOUR", "HEURE_DEBUT", "DUREE", "CODE_SALLE"]
    assert [c.text for c in course] == ["H", "1", "0800", "0100", "S01"]


def test_it_gives_the_same_bytes_for_the_same_data():
    assert write_edt_sts(timetable()) == write_edt_sts(timetable())
    assert write_import_eleves(pupils()) == write_import_eleves(pupils())


def test_it_writes_one_week_pattern_per_week_for_vie_de_l_etablissement():
    written = read_edt_sts(write_vie_etablissement(timetable()))
    assert [(p.code, p.weeks) for p in written.week_patterns] == [
        ("S01", WEEKS[:1]),
        ("S02", WEEKS[1:2]),
        ("S03", WEEKS[2:]),
    ]
    spanish = written.groups[0].services[0].teachers[0].courses
    assert [c.week_pattern for c in spanish] == ["S01", "S03"]  # pattern A: weeks 1 and 3
    french = written.divisions[0].services[0].teachers[0].courses
    assert len(french) == 6  # two weekly courses × three weeks


def test_it_reads_back_the_import_eleves_it_writes():
    assert read_import_eleves(write_import_eleves(pupils())) == pupils()


def test_it_writes_import_eleves_in_the_utf_8_it_declares():
    data = write_import_eleves(pupils())
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<IMPORT_ELEVES VERSION="1.3">')
    assert "NGUYỄN".encode() in data
    assert b"<DATE_IMPORT>15/10/2026</DATE_IMPORT><NUM_ENVOI>3</NUM_ENVOI>" in data


def test_it_escapes_markup_in_codes_and_names():
    data = write_edt_sts(timetable(rooms=('S<1>&"2"',)))
    assert read_edt_sts(data).rooms == ('S<1>&"2"',)
