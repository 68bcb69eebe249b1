"""Typed records read from the SIECLE BEE exports (FORMATS-SIECLE-BEE.md §2–§6).

Stable contract for the student import service: every record is a frozen, slotted dataclass;
identifiers and codes are ``str`` (leading zeros and letters matter: CODE_MEF ``1031002611U``,
CODE_MATIERE ``030201``); dates are ``datetime.date``; 0/1 and true/false flags are
``bool | None`` (None = absent or empty in the file). Every text value is stripped and an
empty value is None. Field names are English; the SIECLE element each one comes from is listed in
``siecle.formats.fields``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


class ExportKind(str, Enum):
    """The four BEE exports the product reads, detected from the root element."""

    ELEVES = "eleves"
    RESPONSABLES = "responsables"
    NOMENCLATURES = "nomenclatures"
    STRUCTURES = "structures"


ROOT_KINDS: dict[str, ExportKind] = {
    "BEE_ELEVES": ExportKind.ELEVES,
    "BEE_RESPONSABLES": ExportKind.RESPONSABLES,
    "BEE_NOMENCLATURES": ExportKind.NOMENCLATURES,
    "BEE_STRUCTURES": ExportKind.STRUCTURES,
}


def version_tuple(version: str | None) -> tuple[int, ...] | None:
    """``"1.10"`` → ``(1, 10)``: versions compare as int tuples, never as floats (§2.1)."""
    if not version:
        return None
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Envelope:
    """Root VERSION and PARAMETRES of one export. ``school_year`` is the start year (2017 = 2017-2018)."""

    kind: ExportKind
    version: str | None
    uai: str | None
    school_year: int | None
    export_date: dt.date | None
    timestamp: dt.datetime | None  # naive, Europe/Paris wall time (HORODATAGE)

    @property
    def version_tuple(self) -> tuple[int, ...] | None:
        return version_tuple(self.version)

    @property
    def reference_date(self) -> dt.date | None:
        """The day the snapshot describes: DATE_EXPORT, else the HORODATAGE day."""
        if self.export_date is not None:
            return self.export_date
        return self.timestamp.date() if self.timestamp is not None else None


@dataclass(frozen=True, slots=True)
class Address:
    """ADRESSE @ADRESSE_ID (pupil's own in BEE_ELEVES, persons' in BEE_RESPONSABLES; §4.4)."""

    address_id: str
    line1: str | None = None
    line2: str | None = None
    line3: str | None = None
    line4: str | None = None
    foreign_town: str | None = None  # COMMUNE_ETRANGERE
    postal_code: str | None = None  # "     " in real files → None
    country_code: str | None = None  # CODE_PAYS, INSEE 3 digits, "100" = France
    insee_code: str | None = None  # CODE_COMMUNE_INSEE
    country_label: str | None = None  # LL_PAYS
    department_code: str | None = None
    postal_label: str | None = None  # LIBELLE_POSTAL (town)

    @property
    def town(self) -> str | None:
        return self.postal_label or self.foreign_town


@dataclass(frozen=True, slots=True)
class PreviousSchooling:
    """ELEVE/SCOLARITE_AN_DERNIER (§3.3); None on the student when the element is absent or empty."""

    mef_code: str | None = None
    structure_code: str | None = None  # may hold accented capitals ("3ÈME")
    uai: str | None = None  # CODE_RNE of the previous school
    nature_code: str | None = None
    sigle: str | None = None
    name: str | None = None  # DENOM_PRINC
    name_complement: str | None = None  # DENOM_COMPL
    address_line1: str | None = None
    po_box: str | None = None
    email: str | None = None
    phone: str | None = None
    insee_code: str | None = None
    town_label: str | None = None  # LL_COMMUNE_INSEE


@dataclass(frozen=True, slots=True)
class Student:
    """ELEVE @ELEVE_ID (§3.2). Departed pupils stay in the file: see ``has_left``."""

    eleve_id: str
    elenoet: str | None = None  # the @ELENOET attribute
    elenoet_element: str | None = None  # the ELENOET child: may differ from the attribute (§3.1)
    id_eleve_etab: str | None = None
    ine: str | None = None  # ID_NATIONAL; None for new arrivals
    ine_rnie: str | None = None
    ine_bea: str | None = None
    id_prv_ele: str | None = None
    last_name: str | None = None  # NOM_DE_FAMILLE, or NOM in pre-2016 files
    usage_name: str | None = None  # NOM_USAGE
    first_name: str | None = None
    first_name2: str | None = None
    first_name3: str | None = None
    birth_date: dt.date | None = None
    sex_code: str | None = None  # "1" male, "2" female
    birth_country_code: str | None = None
    birth_department_code: str | None = None
    birth_insee_code: str | None = None
    birth_city: str | None = None  # VILLE_NAISS (foreign births)
    nationality_code: str | None = None
    repeating: bool | None = None  # DOUBLEMENT
    accepts_sms: bool | None = None
    modified_on: dt.date | None = None
    regime_code: str | None = None
    entry_date: dt.date | None = None
    exit_date: dt.date | None = None  # DATE_SORTIE
    exit_reason_code: str | None = None  # CODE_MOTIF_SORTIE
    status_code: str | None = None  # CODE_STATUT
    mef_code: str | None = None
    transport: bool | None = None  # ADHESION_TRANSPORT
    provenance_code: str | None = None
    email: str | None = None
    mobile_phone: str | None = None
    home_phone: str | None = None
    work_phone: str | None = None
    address_id: str | None = None  # → Address in the same file ("avec adresses" only)
    previous_schooling: PreviousSchooling | None = None

    @property
    def display_name(self) -> str:
        parts = [self.usage_name or self.last_name, self.first_name]
        return " ".join(part for part in parts if part) or f"élève {self.eleve_id}"

    def has_left(self, on: dt.date) -> bool:
        """True when DATE_SORTIE is on or before ``on`` (a future DATE_SORTIE is an announced departure)."""
        return self.exit_date is not None and self.exit_date <= on


@dataclass(frozen=True, slots=True)
class StudentOption:
    """One OPTION/OPTIONS_ELEVE line: the subject a pupil follows as an option (§3.4)."""

    eleve_id: str
    rank: int | None  # NUM_OPTION
    modality_code: str | None  # CODE_MODALITE_ELECT (O, F, …)
    subject_code: str | None  # CODE_MATIERE → Subject


@dataclass(frozen=True, slots=True)
class StudentStructures:
    """One STRUCTURES_ELEVE block: the pupil's division(s) (D) and groups (G) (§3.4)."""

    eleve_id: str
    divisions: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()

    @property
    def division(self) -> str | None:
        return self.divisions[0] if self.divisions else None


@dataclass(frozen=True, slots=True)
class StudentGrants:
    """One BOURSE block: the pupil's CODE_BOURSE values (§3.4)."""

    eleve_id: str
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Person:
    """PERSONNE @PERSONNE_ID in BEE_RESPONSABLES (§4.2)."""

    person_id: str
    civility: str | None = None  # LC_CIVILITE: "M." / "MME"
    civility_label: str | None = None  # LL_CIVILITE
    last_name: str | None = None  # NOM_DE_FAMILLE, or NOM in old files
    usage_name: str | None = None
    first_name: str | None = None
    home_phone: str | None = None
    mobile_phone: str | None = None
    work_phone: str | None = None
    email: str | None = None
    accepts_sms: bool | None = None
    address_communication: bool | None = None  # COMMUNICATION_ADRESSE
    address_id: str | None = None  # → Address, possibly shared with other persons
    profession_code: str | None = None  # PCS

    @property
    def display_name(self) -> str:
        parts = [self.civility, self.usage_name or self.last_name, self.first_name]
        return " ".join(part for part in parts if part) or f"personne {self.person_id}"


OLD_TO_NEW_RELATIONSHIP: dict[str, str] = {
    "1": "20",  # père
    "2": "10",  # mère
    "3": "50",  # tuteur
    "4": "39",  # autre membre de la famille
    "5": "51",  # ASE
    "6": "90",  # autre cas
    "7": "70",  # élève lui-même
}


@dataclass(frozen=True, slots=True)
class GuardianLink:
    """RESPONSABLE_ELEVE, one model for both formats of §4.3.

    ``legal_level`` follows NIVEAU_RESPONSABILITE (1 représentant légal, 2 personne en charge,
    3 personne à contacter). Old files (VERSION ≤ 1.10) are mapped: RESP_LEGAL 1 or 2 → level 1
    with ``legal_rank`` 1 or 2; RESP_LEGAL 0 → level 3 with no rank. New files have no rank:
    both parents usually have level 1 (normal, not an anomaly) and ``legal_rank`` is None.
    ``relationship_code`` is always in the 2018 table (old codes mapped via
    OLD_TO_NEW_RELATIONSHIP; an unknown old code is kept as is); the file's own values stay in
    the ``raw_*`` fields. ``pays_fees`` is PAIE_FRAIS_SCOLAIRES (new) or RESP_FINANCIER (old);
    ``contact_priority`` is A_CONTACTER_EN_PRIORITE (new) or PERS_CONTACT (old).
    """

    eleve_id: str
    person_id: str
    legal_level: int | None
    legal_rank: int | None
    relationship_code: str | None
    pays_fees: bool | None
    contact_priority: bool | None
    receives_aid: bool | None = None  # PERCOIT_LES_AIDES (new format only)
    houses_student: bool | None = None  # HEBERGE_ELEVE (new format only)
    payment_person: bool | None = None  # PERS_PAIEMENT (old format only)
    old_format: bool = False
    raw_legal_code: str | None = None  # RESP_LEGAL (old) or NIVEAU_RESPONSABILITE (new), as read
    raw_relationship_code: str | None = None  # CODE_PARENTE as read

    @property
    def is_legal_guardian(self) -> bool:
        return self.legal_level == 1


@dataclass(frozen=True, slots=True)
class Mef:
    """MEFS/MEF @CODE_MEF (§5.1): a "module élémentaire de formation" (level + track)."""

    code: str
    formation: str | None = None
    speciality: str | None = None
    long_label: str | None = None
    edition_label: str | None = None
    mef_status: str | None = None  # STATUT_MEF
    attached_mef: str | None = None  # MEF_RATTACHEMENT
    mefstat_code: str | None = None
    mandatory_options: int | None = None  # NB_OPT_OBLIG
    minimum_options: int | None = None  # NB_OPT_MINI
    opened_on: dt.date | None = None
    closed_on: dt.date | None = None  # 31/12/9999 = open-ended

    @property
    def label(self) -> str:
        return self.edition_label or self.long_label or self.code


@dataclass(frozen=True, slots=True)
class Subject:
    """MATIERES/MATIERE @CODE_MATIERE (§5.1)."""

    code: str
    management_code: str | None = None  # CODE_GESTION, e.g. "AGL1"
    short_label: str | None = None
    long_label: str | None = None
    edition_label: str | None = None
    etp: str | None = None  # MATIERE_ETP
    national_code: str | None = None  # CODE_MATIERE_NATIONALE

    @property
    def label(self) -> str:
        return self.edition_label or self.long_label or self.code


@dataclass(frozen=True, slots=True)
class Programme:
    """PROGRAMME: a subject taught in a MEF under a modality; key (mef, subject, modality) (§5.1)."""

    mef_code: str | None
    subject_code: str | None
    modality_code: str | None
    hours: Decimal | None = None  # HORAIRE, weekly


@dataclass(frozen=True, slots=True)
class MandatoryOption:
    """OPTION_OBLIGATOIRE: a subject available as the RANG_OPTION-th mandatory option of a MEF."""

    mef_code: str | None
    subject_code: str | None
    rank: int | None


@dataclass(frozen=True, slots=True)
class CodeLabel:
    """One entry of a code table (REGIMES, LIENS_PARENTE, MODALITES_ELECTION, MOTIFS_SORTIE…).

    ``table`` is the section name (``"REGIMES"``); ``extras`` keeps other children as
    (element, value) pairs (BOURSE_NATIONALE, TRANS_SITUATION, CO_ENSEIGNEMENT).
    """

    table: str
    code: str
    short_label: str | None = None
    long_label: str | None = None
    extras: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Division:
    """DIVISIONS/DIVISION @CODE_STRUCTURE: a class (§6)."""

    code: str
    label: str | None = None
    uai: str | None = None  # CODE_RNE
    mef_codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Group:
    """GROUPES/GROUPE @CODE_STRUCTURE: a teaching group drawn from one or more divisions (§6)."""

    code: str
    label: str | None = None
    uai: str | None = None
    mef_codes: tuple[str, ...] = ()
    division_codes: tuple[str, ...] = ()


Record = (
    Envelope
    | Address
    | Student
    | StudentOption
    | StudentStructures
    | StudentGrants
    | Person
    | GuardianLink
    | Mef
    | Subject
    | Programme
    | MandatoryOption
    | CodeLabel
    | Division
    | Group
)
