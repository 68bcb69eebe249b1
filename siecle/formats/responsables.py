"""BEE_RESPONSABLES reader: persons, addresses and guardian links, old and new formats (§4).

The format is decided per RESPONSABLE_ELEVE from the elements present (NIVEAU_RESPONSABILITE →
new, RESP_LEGAL → old), not from VERSION, so that a file is never read with the wrong rules
(the GEPI failure of §8.9 where everybody became "non légal").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from siecle.formats.base import (
    NO_RECORDS,
    KindReader,
    bad_values_detail,
    lost_character_detail,
    lost_character_fields,
    pupil_issue,
)
from siecle.formats.eleves import read_address
from siecle.formats.fields import LINK_FIELDS, PERSON_FIELDS
from siecle.formats.issues import Issue, Severity
from siecle.formats.records import OLD_TO_NEW_RELATIONSHIP, GuardianLink, Person, Record
from siecle.formats.xmlstream import Element, attribute, clean, read_fields

ERROR, WARNING = Severity.ERROR, Severity.WARNING
PERSON_NAME_FIELDS = {"last_name": "NOM_DE_FAMILLE", "usage_name": "NOM_USAGE", "first_name": "PRENOM"}
NEW_LEVELS = {"1": 1, "2": 2, "3": 3}
# Old RESP_LEGAL → (legal level, rank): 1 and 2 are the two legal guardians, 0 a contact.
OLD_LEVELS = {"1": (1, 1), "2": (1, 2), "0": (3, None)}


class ResponsablesReader(KindReader):
    tags = ("PERSONNE", "RESPONSABLE_ELEVE", "ADRESSE")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.person_ids: set[str] = set()
        self.address_ids: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()
        # (ELEVE_ID, RESP_LEGAL) already seen, to flag two "responsable légal 1" (§8.8).
        self.old_ranks: dict[tuple[str, int], str] = {}
        self.formats: defaultdict[str, int] = defaultdict(int)

    def count_keys(self) -> tuple[str, ...]:
        return ("persons", "links", "addresses")

    def handle(self, element: Element) -> Iterable[Record]:
        tag = element.tag
        if tag == "RESPONSABLE_ELEVE":
            return self._link(element)
        if tag == "PERSONNE":
            return self._person(element)
        address = read_address(element, self.report, self.address_ids)
        if address is None:
            return NO_RECORDS
        self.counts["addresses"] += 1
        return (address,)

    def _person(self, element: Element) -> Iterable[Record]:
        person_id = attribute(element, "PERSONNE_ID")
        line = element.sourceline
        if person_id is None or person_id in self.person_ids:
            code = "MISSING_PERSONNE_ID" if person_id is None else "DUPLICATE_PERSONNE_ID"
            self.report.error(code, _person_problem(code, person_id), line=line, person_id=person_id)
            return NO_RECORDS
        self.person_ids.add(person_id)
        values, bad = read_fields(element, PERSON_FIELDS)
        if "last_name" not in values:
            values["last_name"] = clean(element.findtext("NOM"))
        person = Person(person_id=person_id, **values)
        if bad or not person.last_name:
            detail = bad_values_detail(bad) if bad else "nom de famille manquant."
            self._person_warning("INVALID_VALUE" if bad else "MISSING_NAME", person, detail, line)
        lost = lost_character_fields(person, PERSON_NAME_FIELDS)
        if lost:
            self._person_warning("LOST_CHARACTER", person, lost_character_detail(lost), line)
        self.counts["persons"] += 1
        return (person,)

    def _person_warning(self, code: str, person: Person, detail: str, line: int | None) -> None:
        self.report.warning(
            code,
            f"{person.display_name} (PERSONNE_ID {person.person_id}) : {detail}",
            line=line,
            person_id=person.person_id,
        )

    def _link(self, element: Element) -> Iterable[Record]:
        raw, bad = read_fields(element, LINK_FIELDS)
        where: dict[str, Any] = {"eleve_id": raw.get("eleve_id"), "line": element.sourceline}
        refusal = self._link_refusal(raw)
        if refusal is not None:
            pupil_issue(self.report, ERROR, refusal[0], refusal[1], **where)
            return NO_RECORDS
        if bad:
            pupil_issue(self.report, WARNING, "INVALID_VALUE", bad_values_detail(bad), **where)
        self.pairs.add((raw["eleve_id"], raw["person_id"]))
        link = self._old_link(raw, where) if _is_old(raw) else self._new_link(raw, where)
        self.counts["links"] += 1
        return (link,)

    def _link_refusal(self, raw: dict[str, Any]) -> tuple[str, str] | None:
        if not raw.get("eleve_id") or not raw.get("person_id"):
            return "INCOMPLETE_LINK", "lien responsable sans ELEVE_ID ou sans PERSONNE_ID : ignoré."
        if (raw["eleve_id"], raw["person_id"]) in self.pairs:
            return "DUPLICATE_LINK", (
                f"PERSONNE_ID {raw['person_id']} liée deux fois à cet élève : second lien ignoré."
            )
        return None

    def _new_link(self, raw: dict[str, Any], where: dict[str, Any]) -> GuardianLink:
        self.formats["new"] += 1
        level_code = raw.get("niveau")
        level = NEW_LEVELS.get(level_code or "")
        if level is None:
            pupil_issue(
                self.report,
                WARNING,
                "UNKNOWN_LEGAL_LEVEL",
                f"NIVEAU_RESPONSABILITE « {level_code or ''} » inconnu pour la personne {raw['person_id']}.",
                **where,
            )
        return GuardianLink(
            eleve_id=raw["eleve_id"],
            person_id=raw["person_id"],
            legal_level=level,
            legal_rank=None,
            relationship_code=raw.get("parente"),
            pays_fees=raw.get("paie_frais"),
            contact_priority=raw.get("priorite"),
            receives_aid=raw.get("percoit_aides"),
            houses_student=raw.get("heberge"),
            raw_legal_code=level_code,
            raw_relationship_code=raw.get("parente"),
        )

    def _old_link(self, raw: dict[str, Any], where: dict[str, Any]) -> GuardianLink:
        self.formats["old"] += 1
        code = raw["resp_legal"]
        level, rank = OLD_LEVELS.get(code, (None, None))
        if level is None:
            pupil_issue(
                self.report,
                WARNING,
                "UNKNOWN_LEGAL_LEVEL",
                f"RESP_LEGAL « {code} » inconnu pour la personne {raw['person_id']}.",
                **where,
            )
        if rank is not None:
            self._check_rank(raw, rank, where)
        parente = raw.get("parente")
        return GuardianLink(
            eleve_id=raw["eleve_id"],
            person_id=raw["person_id"],
            legal_level=level,
            legal_rank=rank,
            relationship_code=OLD_TO_NEW_RELATIONSHIP.get(parente, parente) if parente else None,
            pays_fees=raw.get("resp_financier"),
            contact_priority=raw.get("pers_contact"),
            payment_person=raw.get("pers_paiement"),
            old_format=True,
            raw_legal_code=code,
            raw_relationship_code=parente,
        )

    def _check_rank(self, raw: dict[str, Any], rank: int, where: dict[str, Any]) -> None:
        key = (raw["eleve_id"], rank)
        first = self.old_ranks.setdefault(key, raw["person_id"])
        if first != raw["person_id"]:
            pupil_issue(
                self.report,
                WARNING,
                "DUPLICATE_LEGAL_GUARDIAN",
                f"deux personnes déclarées RESP_LEGAL {rank} ({first} et {raw['person_id']}) : "
                "anomalie à corriger dans SIECLE.",
                **where,
            )

    def finish(self) -> None:
        if self.formats["old"] and self.formats["new"]:
            self.report.add(
                Issue(
                    "MIXED_FORMATS",
                    "Le fichier mélange l'ancien format (RESP_LEGAL) et le nouveau (NIVEAU_RESPONSABILITE).",
                    Severity.WARNING,
                )
            )


def _is_old(raw: dict[str, Any]) -> bool:
    return raw.get("niveau") is None and raw.get("resp_legal") is not None


def _person_problem(code: str, person_id: str | None) -> str:
    if code == "MISSING_PERSONNE_ID":
        return "Personne sans attribut PERSONNE_ID : ignorée."
    return f"PERSONNE_ID {person_id} présent deux fois : seconde fiche ignorée."
