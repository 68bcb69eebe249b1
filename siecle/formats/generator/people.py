"""Pupils, families and guardian links of a generated school (deterministic from the seed)."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field

from siecle.formats.generator import names, places
from siecle.formats.generator.catalog import LATIN, LEVEL_MEFS, LV1, LV2_DE, LV2_ES
from siecle.formats.records import (
    OLD_TO_NEW_RELATIONSHIP,
    Address,
    GuardianLink,
    Person,
    PreviousSchooling,
    Student,
    StudentGrants,
    StudentOption,
    StudentStructures,
)

LEVELS = tuple(LEVEL_MEFS)  # "6", "5", "4", "3"
CLASS_SIZE = 28
_NEW_TO_OLD = {new: old for old, new in OLD_TO_NEW_RELATIONSHIP.items()}


@dataclass(slots=True)
class Family:
    last_name: str
    persons: list[tuple[Person, str]]  # (person, new CODE_PARENTE)


@dataclass(slots=True)
class People:
    students: list[Student] = field(default_factory=list)
    options: list[StudentOption] = field(default_factory=list)
    structures: list[StudentStructures] = field(default_factory=list)
    grants: list[StudentGrants] = field(default_factory=list)
    student_addresses: dict[str, Address] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    person_addresses: dict[str, Address] = field(default_factory=dict)
    links: list[GuardianLink] = field(default_factory=list)


def ascii_slug(text: str) -> str:
    flat = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    return "".join(ch for ch in flat if ch.isalnum() and ch.isascii()).lower()


class PeopleBuilder:
    """Builds every pupil; ``divisions`` maps level → division codes filled in order."""

    def __init__(
        self,
        rng: random.Random,
        *,
        uai: str,
        year: int,
        export_date: dt.date,
        divisions: dict[str, list[str]],
        eleves_version: str,
        responsables_format: str,
    ):
        self.rng, self.uai, self.year, self.export_date = rng, uai, year, export_date
        self.department = places.department_of(uai)
        self.divisions = divisions
        self.rnie = eleves_version.startswith("3")
        self.old_links = responsables_format == "old"
        self.people = People()
        self.ines: set[str] = set()
        self.next_address = 3_000_001
        self.next_person = 2_000_001
        self.family: Family | None = None

    def add_pupil(self, index: int, *, level: str, departed: bool, placed: bool, slot: int) -> None:
        rng = self.rng
        eleve_id = str(1_000_001 + index)
        girl = rng.random() < 0.5
        new_arrival = not departed and rng.random() < 0.06
        family = self._family()
        division = self._division(level, slot) if placed else None
        mef = self._mef(level, division) if placed or (departed and rng.random() < 0.1) else None
        student = self._student(eleve_id, index, girl, level, family.last_name, new_arrival, departed, mef)
        self.people.students.append(student)
        if division is not None:
            self._place(eleve_id, level, division, slot)
        if mef is not None and not departed:
            self._options(eleve_id, level)
        if rng.random() < 0.1:
            codes = ("8",) if rng.random() < 0.8 else ("1", "8")
            self.people.grants.append(StudentGrants(eleve_id, codes))
        self._links(eleve_id, family)

    # Pupil -------------------------------------------------------------------------------
    def _student(
        self,
        eleve_id: str,
        index: int,
        girl: bool,
        level: str,
        last_name: str,
        new_arrival: bool,
        departed: bool,
        mef: str | None,
    ) -> Student:
        rng = self.rng
        first = rng.choice(names.GIRLS if girl else names.BOYS)
        age = 11 + LEVELS.index(level) + (1 if rng.random() < 0.05 else 0)
        born = dt.date(self.year - age, 1, 1) + dt.timedelta(days=rng.randrange(365))
        abroad = rng.random() < 0.05
        ine = None if new_arrival else self._ine()
        elenoet = str(2000 + index)
        return Student(
            eleve_id=eleve_id,
            elenoet=elenoet,
            elenoet_element=elenoet,
            id_eleve_etab=f"{self.uai[:7]}{index:04d}"[-11:].rjust(11, "0"),
            ine=ine,
            ine_rnie=ine if self.rnie else None,
            ine_bea=self._bea() if self.rnie and ine and rng.random() < 0.3 else None,
            last_name=last_name,
            first_name=first,
            first_name2=rng.choice(names.GIRLS if girl else names.BOYS) if rng.random() < 0.18 else None,
            first_name3=rng.choice(names.GIRLS if girl else names.BOYS) if rng.random() < 0.08 else None,
            birth_date=born,
            sex_code=("2" if girl else "1") if rng.random() > 0.02 else None,
            birth_country_code=names.FOREIGN[0][0] if abroad else "100",
            birth_department_code=None if abroad else self.department,
            birth_insee_code=None if abroad else places.town(rng, self.department)[0],
            birth_city=names.FOREIGN[0][2] if abroad else None,
            nationality_code="100",
            repeating=rng.random() < 0.03,
            accepts_sms=rng.random() < 0.7,
            modified_on=self.export_date - dt.timedelta(days=rng.randrange(200)),
            regime_code=rng.choice(("0", "2", "2", "2", "3", "24", "29")),
            entry_date=self._entry_date(level, new_arrival),
            exit_date=self._exit_date() if departed else None,
            exit_reason_code=rng.choice(("11", "13", "14", "40", "99")) if departed else None,
            status_code="ST" if mef and rng.random() < 0.6 else None,
            mef_code=mef,
            transport=rng.random() < 0.3,
            provenance_code=rng.choice(("1", "1", "1", "2", "3")),
            email=f"{ascii_slug(first)}.{ascii_slug(last_name)}{index}@exemple.fr" if rng.random() < 0.3 else None,
            mobile_phone=self._phone("6") if rng.random() < 0.5 else None,
            address_id=self._own_address() if rng.random() < 0.06 else None,
            previous_schooling=self._previous(level) if rng.random() < 0.97 else None,
        )

    def _ine(self) -> str:
        while True:
            digits = f"{self.rng.randrange(10**9):09d}"
            letters = "".join(self.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
            ine = digits + letters if self.rnie else f"{digits}{self.rng.randrange(10)}{letters[0]}"
            if ine not in self.ines:
                self.ines.add(ine)
                return ine

    def _bea(self) -> str:
        return f"{self.rng.randrange(10**10):010d}{self.rng.choice('ABCDEFGHJK')}"

    def _entry_date(self, level: str, new_arrival: bool) -> dt.date:
        if new_arrival:
            return self.export_date - dt.timedelta(days=self.rng.randrange(1, 30))
        return dt.date(self.year - LEVELS.index(level), 9, 1)

    def _exit_date(self) -> dt.date:
        start = dt.date(self.year - 1, 9, 1)
        return start + dt.timedelta(days=self.rng.randrange((self.export_date - start).days))

    def _phone(self, prefix: str) -> str:
        return f"+33{prefix}{self.rng.randrange(10**8):08d}"

    def _own_address(self) -> str:
        address_id = str(self.next_address)
        self.next_address += 1
        self.people.student_addresses[address_id] = places.address(self.rng, address_id, self.department)
        return address_id

    def _previous(self, level: str) -> PreviousSchooling:
        rng = self.rng
        if level == "6":
            return PreviousSchooling(
                structure_code="CM2",
                uai=places.neighbour_uai(rng, self.department),
                nature_code="151",
                sigle="EEPU",
                name=f"ÉCOLE ÉLÉMENTAIRE {rng.choice(names.SCHOOL_NAMES)}",
            )
        previous = LEVELS[LEVELS.index(level) - 1]
        return PreviousSchooling(
            mef_code=LEVEL_MEFS[previous][0][0],
            structure_code=f"{previous}ÈME{rng.randint(1, 6)}",
            uai=self.uai if rng.random() < 0.9 else places.neighbour_uai(rng, self.department),
            nature_code="340",
            sigle="CLG",
            name=f"COLLÈGE {rng.choice(names.SCHOOL_NAMES)}",
            phone=f"0{rng.randrange(10**9):09d}",
            town_label=places.town(rng, self.department)[2],
        )

    # Structures and options ----------------------------------------------------------------
    def _division(self, level: str, slot: int) -> str:
        codes = self.divisions[level]
        return codes[min(slot // CLASS_SIZE, len(codes) - 1)]

    def _mef(self, level: str, division: str | None) -> str:
        entries = LEVEL_MEFS[level]
        if len(entries) > 1 and division == self.divisions[level][0] and self.rng.random() < 0.5:
            return entries[1][0]
        return entries[0][0]

    def _place(self, eleve_id: str, level: str, division: str, slot: int) -> None:
        groups: list[str] = []
        if level != "6" and self.rng.random() < 0.5:
            groups.append(group_code(level, "ESP", slot // (2 * CLASS_SIZE)))
        if self.rng.random() < 0.2:
            groups.append(group_code(level, "LAT", slot // (4 * CLASS_SIZE)))
        self.people.structures.append(StudentStructures(eleve_id, (division,), tuple(groups)))

    def _options(self, eleve_id: str, level: str) -> None:
        chosen = [(LV1, "O")]
        if level != "6":
            chosen.append((self.rng.choice((LV2_ES, LV2_DE)), "O"))
        if self.rng.random() < 0.2:
            chosen.append((LATIN, "F"))
        self.people.options.extend(
            StudentOption(eleve_id, rank, modality, subject) for rank, (subject, modality) in enumerate(chosen, start=1)
        )

    # Families and guardians ----------------------------------------------------------------
    def _family(self) -> Family:
        # About one pupil in eight is the sibling of the previous one: same persons, same links.
        if self.family is None or self.rng.random() > 0.12:
            self.family = self._new_family()
        return self.family

    def _new_family(self) -> Family:
        rng = self.rng
        last_name = rng.choice(names.LAST_NAMES)
        home = self._person_address()
        members: list[tuple[Person, str]] = []
        shape = rng.random()
        if shape < 0.8:  # both parents, sharing an address three times in four
            members.append((self._person("2", last_name, home), "10"))
            other_home = home if rng.random() < 0.75 else self._person_address()
            members.append((self._person("1", last_name, other_home), "20"))
        elif shape < 0.97:
            members.append((self._person(rng.choice("12"), last_name, home), rng.choice(("10", "20"))))
        else:
            members.append((self._person("2", rng.choice(names.LAST_NAMES), home), "50"))
        if rng.random() < 0.2:
            members.append((self._person("2", last_name, self._person_address()), "38"))
        if rng.random() < 0.05:
            members.append((self._person("1", last_name, home), "39"))
        return Family(last_name, members)

    def _person_address(self) -> str:
        address_id = str(self.next_address)
        self.next_address += 1
        self.people.person_addresses[address_id] = places.address(self.rng, address_id, self.department)
        return address_id

    def _person(self, civility: str, last_name: str, address_id: str) -> Person:
        rng = self.rng
        person_id = str(self.next_person)
        self.next_person += 1
        woman = civility == "2"
        first = rng.choice(names.ADULT_WOMEN if woman else names.ADULT_MEN)
        person = Person(
            person_id=person_id,
            civility=("MME" if woman else "M.") if rng.random() > 0.07 else None,
            civility_label="MADAME" if woman else "MONSIEUR",
            last_name=last_name,
            first_name=first,
            home_phone=self._phone("5") if rng.random() < 0.3 else None,
            mobile_phone=self._phone("6") if rng.random() < 0.9 else None,
            work_phone=self._phone("1") if rng.random() < 0.1 else None,
            email=f"{ascii_slug(first)}.{ascii_slug(last_name)}{person_id[-4:]}@exemple.fr"
            if rng.random() < 0.6
            else None,
            accepts_sms=rng.random() < 0.8 if rng.random() < 0.7 else None,
            address_communication=rng.random() < 0.9,
            address_id=address_id,
            profession_code=rng.choice(("23", "33", "42", "52", "62", "82")) if rng.random() < 0.8 else None,
        )
        self.people.persons[person_id] = person
        return person

    def _links(self, eleve_id: str, family: Family) -> None:
        make = self._old_link if self.old_links else self._new_link
        legal_rank = 0
        for person, parente in family.persons:
            legal = parente in ("10", "20", "50")
            legal_rank += 1 if legal else 0
            self.people.links.append(make(eleve_id, person.person_id, parente, legal_rank if legal else 0))

    def _new_link(self, eleve_id: str, person_id: str, parente: str, rank: int) -> GuardianLink:
        level = 1 if rank else (3 if parente == "38" else 2)
        return GuardianLink(
            eleve_id=eleve_id,
            person_id=person_id,
            legal_level=level,
            legal_rank=None,
            relationship_code=parente,
            pays_fees=rank == 1,
            contact_priority=rank in (1, 2),
            receives_aid=rank == 1,
            houses_student=rank in (1, 2),
            raw_legal_code=str(level),
            raw_relationship_code=parente,
        )

    def _old_link(self, eleve_id: str, person_id: str, parente: str, rank: int) -> GuardianLink:
        old_code = _NEW_TO_OLD.get(parente, "4")
        return GuardianLink(
            eleve_id=eleve_id,
            person_id=person_id,
            legal_level=1 if rank else 3,
            legal_rank=rank or None,
            relationship_code=OLD_TO_NEW_RELATIONSHIP[old_code],
            pays_fees=rank == 1,
            contact_priority=rank in (1, 2),
            payment_person=False,
            old_format=True,
            raw_legal_code=str(rank),
            raw_relationship_code=old_code,
        )


def group_code(level: str, subject: str, index: int) -> str:
    return f"{level}{subject} G{index + 1}"
