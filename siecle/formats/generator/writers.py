"""Serialise a GeneratedSet as the four BEE XML files, ISO-8859-15 like real exports (§2)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from siecle.formats.fields import (
    ADDRESS_FIELDS,
    MANDATORY_OPTION_FIELDS,
    MEF_FIELDS,
    OPTION_LINE_FIELDS,
    PERSON_FIELDS,
    PREVIOUS_SCHOOLING_FIELDS,
    PROGRAMME_FIELDS,
    STUDENT_FIELDS,
    SUBJECT_FIELDS,
    FieldSpec,
    format_value,
)
from siecle.formats.generator.population import GeneratedSet
from siecle.formats.records import Address, CodeLabel, Envelope, ExportKind, GuardianLink, Student

ENCODING = "ISO-8859-15"
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ROOTS = {
    ExportKind.ELEVES: "BEE_ELEVES",
    ExportKind.RESPONSABLES: "BEE_RESPONSABLES",
    ExportKind.NOMENCLATURES: "BEE_NOMENCLATURES",
    ExportKind.STRUCTURES: "BEE_STRUCTURES",
}
_CODE_TABLE_ITEMS = {
    "MODALITES_ELECTION": ("MODALITE_ELECTION", "CODE_MODALITE_ELECT"),
    "REGIMES": ("REGIME", "CODE_REGIME"),
    "LIENS_PARENTE": ("LIEN_PARENTE", "CODE_PARENTE"),
    "BOURSES": ("BOURSE", "CODE_BOURSE"),
    "PROFESSIONS": ("PROFESSION", "CODE_PROFESSION"),
    "PROVENANCES": ("PROVENANCE", "CODE_PROVENANCE"),
    "MOTIFS_SORTIE": ("MOTIF_SORTIE", "CODE_MOTIF_SORTIE"),
    "STATUTS_ELEVE": ("STATUT_ELEVE", "CODE_STATUT"),
    "CIVILITES": ("CIVILITE", "CODE_CIVILITE"),
    "MODALITES_COURS": ("MODALITE_COURS", "CODE_MODALITE_COURS"),
}
# Real files leave these empty rather than absent: write <X/> when there is no value.
_EMPTY_WHEN_NONE = frozenset({"VILLE_NAISS", "LIGNE1_ADRESSE"})


def esc(text: str) -> str:
    return text.translate(_ESCAPES)


def _fields(out: list[str], record: Any, spec: FieldSpec, pad: str) -> None:
    for tag, (name, lex) in spec.items():
        value = getattr(record, name, None)  # None for read-only aliases such as NOM
        if value is not None:
            out.append(f"{pad}<{tag}>{esc(format_value(lex, value))}</{tag}>\n")
        elif tag in _EMPTY_WHEN_NONE:
            out.append(f"{pad}<{tag}/>\n")


def _document(envelope: Envelope, body: list[str]) -> bytes:
    root = _ROOTS[envelope.kind]
    head = [
        f'<?xml version="1.0" encoding="{ENCODING}"?>\n<{root} VERSION="{envelope.version}">\n',
        "  <PARAMETRES>\n",
        f"    <UAJ>{envelope.uai}</UAJ>\n    <ANNEE_SCOLAIRE>{envelope.school_year}</ANNEE_SCOLAIRE>\n",
    ]
    if envelope.export_date is not None:
        head.append(f"    <DATE_EXPORT>{envelope.export_date:%d/%m/%Y}</DATE_EXPORT>\n")
    if envelope.timestamp is not None:
        head.append(f"    <HORODATAGE>{envelope.timestamp:%d/%m/%Y %H:%M:%S}</HORODATAGE>\n")
    head.append("  </PARAMETRES>\n  <DONNEES>\n")
    return "".join([*head, *body, f"  </DONNEES>\n</{root}>\n"]).encode(ENCODING)


def _section(out: list[str], name: str, items: Iterable[None]) -> None:
    """Write ``<name>`` around what ``items`` appends to ``out`` (``<name />`` when nothing)."""
    start = len(out)
    out.append(f"    <{name}>\n")
    for _ in items:
        pass
    if len(out) == start + 1:
        out[start] = f"    <{name} />\n"
    else:
        out.append(f"    </{name}>\n")


# BEE_ELEVES ----------------------------------------------------------------------------------
def eleves_xml(data: GeneratedSet, *, with_addresses: bool = True) -> bytes:
    people = data.people
    out: list[str] = []
    _section(out, "ELEVES", (_student(out, s, with_addresses) for s in people.students))
    _section(out, "OPTIONS", (_option_block(out, eleve_id, lines) for eleve_id, lines in _options_by_pupil(data)))
    _section(out, "STRUCTURES", (_structure_block(out, block) for block in people.structures))
    _section(out, "BOURSES", (_grant_block(out, block) for block in people.grants))
    if with_addresses:
        _section(out, "ADRESSES", (_address(out, a) for a in people.student_addresses.values()))
    return _document(data.envelope(ExportKind.ELEVES), out)


def _student(out: list[str], student: Student, with_addresses: bool) -> None:
    out.append(f'      <ELEVE ELEVE_ID="{student.eleve_id}" ELENOET="{student.elenoet}">\n')
    spec = STUDENT_FIELDS if with_addresses else {k: v for k, v in STUDENT_FIELDS.items() if k != "ADRESSE_ID"}
    if student.exit_date is not None and int(student.eleve_id) % 2:
        # Element order varies in real files: put DATE_SORTIE first for some pupils.
        out.append(f"        <DATE_SORTIE>{student.exit_date:%d/%m/%Y}</DATE_SORTIE>\n")
        spec = {k: v for k, v in spec.items() if k != "DATE_SORTIE"}
    _fields(out, student, spec, "        ")
    previous = student.previous_schooling
    if previous is None:
        out.append("        <SCOLARITE_AN_DERNIER/>\n")
    else:
        out.append("        <SCOLARITE_AN_DERNIER>\n")
        _fields(out, previous, PREVIOUS_SCHOOLING_FIELDS, "          ")
        out.append("        </SCOLARITE_AN_DERNIER>\n")
    out.append("      </ELEVE>\n")


def _options_by_pupil(data: GeneratedSet) -> list[tuple[str, list[Any]]]:
    grouped: dict[str, list[Any]] = {}
    for option in data.people.options:
        grouped.setdefault(option.eleve_id, []).append(option)
    return list(grouped.items())


def _option_block(out: list[str], eleve_id: str, lines: list[Any]) -> None:
    out.append(f'      <OPTION ELEVE_ID="{eleve_id}">\n')
    for line in lines:
        out.append("        <OPTIONS_ELEVE>\n")
        _fields(out, line, OPTION_LINE_FIELDS, "          ")
        out.append("        </OPTIONS_ELEVE>\n")
    out.append("      </OPTION>\n")


def _structure_block(out: list[str], block: Any) -> None:
    out.append(f'      <STRUCTURES_ELEVE ELEVE_ID="{block.eleve_id}">\n')
    for kind, codes in (("D", block.divisions), ("G", block.groups)):
        for code in codes:
            out.append(
                f"        <STRUCTURE>\n          <CODE_STRUCTURE>{esc(code)}</CODE_STRUCTURE>\n"
                f"          <TYPE_STRUCTURE>{kind}</TYPE_STRUCTURE>\n        </STRUCTURE>\n"
            )
    out.append("      </STRUCTURES_ELEVE>\n")


def _grant_block(out: list[str], block: Any) -> None:
    codes = "".join(f"        <CODE_BOURSE>{code}</CODE_BOURSE>\n" for code in block.codes)
    out.append(f'      <BOURSE ELEVE_ID="{block.eleve_id}">\n{codes}      </BOURSE>\n')


def _address(out: list[str], address: Address) -> None:
    out.append(f'      <ADRESSE ADRESSE_ID="{address.address_id}">\n')
    _fields(out, address, ADDRESS_FIELDS, "        ")
    if address.postal_code is None and address.country_code != "100":
        out.append("        <CODE_POSTAL>     </CODE_POSTAL>\n")  # five spaces, as in real files
    out.append("      </ADRESSE>\n")


# BEE_RESPONSABLES ----------------------------------------------------------------------------
def responsables_xml(data: GeneratedSet) -> bytes:
    people = data.people
    out: list[str] = []
    _section(out, "PERSONNES", (_person(out, p) for p in people.persons.values()))
    _section(out, "RESPONSABLES", (_link(out, link) for link in people.links))
    _section(out, "ADRESSES", (_address(out, a) for a in people.person_addresses.values()))
    return _document(data.envelope(ExportKind.RESPONSABLES), out)


def _person(out: list[str], person: Any) -> None:
    out.append(f'      <PERSONNE PERSONNE_ID="{person.person_id}">\n')
    _fields(out, person, PERSON_FIELDS, "        ")
    out.append("      </PERSONNE>\n")


def _link(out: list[str], link: GuardianLink) -> None:
    values: list[tuple[str, str | None]] = [("ELEVE_ID", link.eleve_id), ("PERSONNE_ID", link.person_id)]
    if link.old_format:
        values += [
            ("RESP_LEGAL", link.raw_legal_code),
            ("CODE_PARENTE", link.raw_relationship_code),
            ("RESP_FINANCIER", _b01(link.pays_fees)),
            ("PERS_PAIEMENT", _b01(link.payment_person)),
            ("PERS_CONTACT", _b01(link.contact_priority)),
        ]
    else:
        values += [
            ("NIVEAU_RESPONSABILITE", link.raw_legal_code),
            ("CODE_PARENTE", link.raw_relationship_code),
            ("PAIE_FRAIS_SCOLAIRES", _b01(link.pays_fees)),
            ("PERCOIT_LES_AIDES", _btf(link.receives_aid)),
            ("HEBERGE_ELEVE", _btf(link.houses_student)),
            ("A_CONTACTER_EN_PRIORITE", _btf(link.contact_priority)),
        ]
    body = "".join(f"        <{tag}>{value}</{tag}>\n" for tag, value in values if value is not None)
    out.append(f"      <RESPONSABLE_ELEVE>\n{body}      </RESPONSABLE_ELEVE>\n")


def _b01(value: bool | None) -> str | None:
    return None if value is None else ("1" if value else "0")


def _btf(value: bool | None) -> str | None:
    return None if value is None else ("true" if value else "false")


# BEE_NOMENCLATURES and BEE_STRUCTURES ------------------------------------------------------------
def nomenclatures_xml(data: GeneratedSet) -> bytes:
    out: list[str] = []
    _section(out, "MEFS", (_keyed(out, "MEF", "CODE_MEF", m, MEF_FIELDS) for m in data.mefs.values()))
    _section(
        out, "MATIERES", (_keyed(out, "MATIERE", "CODE_MATIERE", s, SUBJECT_FIELDS) for s in data.subjects.values())
    )
    _section(out, "PROGRAMMES", (_plain(out, "PROGRAMME", p, PROGRAMME_FIELDS) for p in data.programmes))
    _section(
        out,
        "OPTIONS_OBLIGATOIRES",
        (_plain(out, "OPTION_OBLIGATOIRE", o, MANDATORY_OPTION_FIELDS) for o in data.mandatory_options),
    )
    for table, labels in data.code_tables.items():
        item, key = _CODE_TABLE_ITEMS[table]
        _section(out, table, (_code(out, item, key, label) for label in labels.values()))
    return _document(data.envelope(ExportKind.NOMENCLATURES), out)


def _keyed(out: list[str], tag: str, key: str, record: Any, spec: FieldSpec) -> None:
    out.append(f'      <{tag} {key}="{esc(record.code)}">\n')
    _fields(out, record, spec, "        ")
    out.append(f"      </{tag}>\n")


def _plain(out: list[str], tag: str, record: Any, spec: FieldSpec) -> None:
    out.append(f"      <{tag}>\n")
    _fields(out, record, spec, "        ")
    out.append(f"      </{tag}>\n")


def _code(out: list[str], tag: str, key: str, label: CodeLabel) -> None:
    children = [("LIBELLE_COURT", label.short_label), ("LIBELLE_LONG", label.long_label), *label.extras]
    body = "".join(f"        <{name}>{esc(value)}</{name}>\n" for name, value in children if value is not None)
    out.append(f'      <{tag} {key}="{esc(label.code)}">\n{body}      </{tag}>\n')


def structures_xml(data: GeneratedSet) -> bytes:
    out: list[str] = []
    _section(out, "DIVISIONS", (_structure(out, "DIVISION", d, ()) for d in data.divisions.values()))
    _section(out, "GROUPES", (_structure(out, "GROUPE", g, g.division_codes) for g in data.groups.values()))
    return _document(data.envelope(ExportKind.STRUCTURES), out)


def _structure(out: list[str], tag: str, record: Any, parents: tuple[str, ...]) -> None:
    out.append(f'      <{tag} CODE_STRUCTURE="{esc(record.code)}">\n')
    out.append(f"        <LIBELLE_LONG>{esc(record.label or '')}</LIBELLE_LONG>\n")
    out.append(f"        <CODE_RNE>{record.uai}</CODE_RNE>\n        <MEFS_APPARTENANCE>\n")
    for mef in record.mef_codes:
        out.append(
            f"          <MEF_APPARTENANCE>\n            <CODE_MEF>{mef}</CODE_MEF>\n          </MEF_APPARTENANCE>\n"
        )
    out.append("        </MEFS_APPARTENANCE>\n")
    if parents:
        out.append("        <DIVISIONS_APPARTENANCE>\n")
        for parent in parents:
            out.append(
                f"          <DIVISION_APPARTENANCE>\n            <CODE_STRUCTURE>{esc(parent)}"
                "</CODE_STRUCTURE>\n          </DIVISION_APPARTENANCE>\n"
            )
        out.append("        </DIVISIONS_APPARTENANCE>\n")
    out.append(f"      </{tag}>\n")
