"""Element names ↔ record fields, with their lexical types (FORMATS-SIECLE-BEE.md §2.3).

The readers parse children by name through these tables (the element order varies from one
record to the next); the generator writes through the same tables, so a field added here is
both read and generated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any


class Lex(Enum):
    """Lexical type of an element's text."""

    TEXT = "text"
    DATE = "date"  # DD/MM/YYYY
    BOOL01 = "bool01"  # 0 / 1
    BOOLTF = "booltf"  # true / false (Responsables ≥ 2.x)
    INT = "int"
    DECIMAL = "decimal"


def parse_date(text: str) -> dt.date:
    if len(text) != 10 or text[2] != "/" or text[5] != "/" or not text.replace("/", "").isdigit():
        raise ValueError(text)
    return dt.date(int(text[6:]), int(text[3:5]), int(text[:2]))


def parse_timestamp(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%d/%m/%Y %H:%M:%S")


def _parse_bool01(text: str) -> bool:
    if text == "1":
        return True
    if text == "0":
        return False
    raise ValueError(text)


def _parse_booltf(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise ValueError(text)


def _parse_int(text: str) -> int:
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


def _parse_decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc


PARSERS: dict[Lex, Callable[[str], Any] | None] = {
    Lex.TEXT: None,
    Lex.DATE: parse_date,
    Lex.BOOL01: _parse_bool01,
    Lex.BOOLTF: _parse_booltf,
    Lex.INT: _parse_int,
    Lex.DECIMAL: _parse_decimal,
}


def format_value(lex: Lex, value: Any) -> str:
    """The text SIECLE writes for ``value`` (used by the generator)."""
    if lex is Lex.DATE:
        return value.strftime("%d/%m/%Y")
    if lex is Lex.BOOL01:
        return "1" if value else "0"
    if lex is Lex.BOOLTF:
        return "true" if value else "false"
    if lex is Lex.DECIMAL:
        return f"{value:.2f}"
    return str(value)


FieldSpec = dict[str, tuple[str, Lex]]

STUDENT_FIELDS: FieldSpec = {
    "ELENOET": ("elenoet_element", Lex.TEXT),
    "ID_ELEVE_ETAB": ("id_eleve_etab", Lex.TEXT),
    "ID_NATIONAL": ("ine", Lex.TEXT),
    "INE_RNIE": ("ine_rnie", Lex.TEXT),
    "INE_BEA": ("ine_bea", Lex.TEXT),
    "ID_PRV_ELE": ("id_prv_ele", Lex.TEXT),
    "NOM_DE_FAMILLE": ("last_name", Lex.TEXT),
    "NOM_USAGE": ("usage_name", Lex.TEXT),
    "PRENOM": ("first_name", Lex.TEXT),
    "PRENOM2": ("first_name2", Lex.TEXT),
    "PRENOM3": ("first_name3", Lex.TEXT),
    "DATE_NAISS": ("birth_date", Lex.DATE),
    "CODE_SEXE": ("sex_code", Lex.TEXT),
    "CODE_PAYS": ("birth_country_code", Lex.TEXT),
    "CODE_DEPARTEMENT_NAISS": ("birth_department_code", Lex.TEXT),
    "CODE_COMMUNE_INSEE_NAISS": ("birth_insee_code", Lex.TEXT),
    "VILLE_NAISS": ("birth_city", Lex.TEXT),
    "CODE_PAYS_NAT": ("nationality_code", Lex.TEXT),
    "DOUBLEMENT": ("repeating", Lex.BOOL01),
    "ACCEPTE_SMS": ("accepts_sms", Lex.BOOL01),
    "DATE_MODIFICATION": ("modified_on", Lex.DATE),
    "CODE_REGIME": ("regime_code", Lex.TEXT),
    "DATE_ENTREE": ("entry_date", Lex.DATE),
    "DATE_SORTIE": ("exit_date", Lex.DATE),
    "CODE_MOTIF_SORTIE": ("exit_reason_code", Lex.TEXT),
    "CODE_STATUT": ("status_code", Lex.TEXT),
    "CODE_MEF": ("mef_code", Lex.TEXT),
    "ADHESION_TRANSPORT": ("transport", Lex.BOOL01),
    "CODE_PROVENANCE": ("provenance_code", Lex.TEXT),
    "MEL": ("email", Lex.TEXT),
    "TEL_PORTABLE": ("mobile_phone", Lex.TEXT),
    "TEL_PERSONNEL": ("home_phone", Lex.TEXT),
    "TEL_PROFESSIONNEL": ("work_phone", Lex.TEXT),
    "ADRESSE_ID": ("address_id", Lex.TEXT),
    "NOM": ("legacy_last_name", Lex.TEXT),
}
# Pre-2016 files say NOM; NOM_DE_FAMILLE wins when both are present (the key is popped).
LEGACY_LAST_NAME = "legacy_last_name"

PREVIOUS_SCHOOLING_FIELDS: FieldSpec = {
    "CODE_MEF": ("mef_code", Lex.TEXT),
    "CODE_STRUCTURE": ("structure_code", Lex.TEXT),
    "CODE_RNE": ("uai", Lex.TEXT),
    "CODE_NATURE": ("nature_code", Lex.TEXT),
    "SIGLE": ("sigle", Lex.TEXT),
    "DENOM_PRINC": ("name", Lex.TEXT),
    "DENOM_COMPL": ("name_complement", Lex.TEXT),
    "LIGNE1_ADRESSE": ("address_line1", Lex.TEXT),
    "BOITE_POSTALE": ("po_box", Lex.TEXT),
    "MEL": ("email", Lex.TEXT),
    "TELEPHONE": ("phone", Lex.TEXT),
    "CODE_COMMUNE_INSEE": ("insee_code", Lex.TEXT),
    "LL_COMMUNE_INSEE": ("town_label", Lex.TEXT),
}

ADDRESS_FIELDS: FieldSpec = {
    "LIGNE1_ADRESSE": ("line1", Lex.TEXT),
    "LIGNE2_ADRESSE": ("line2", Lex.TEXT),
    "LIGNE3_ADRESSE": ("line3", Lex.TEXT),
    "LIGNE4_ADRESSE": ("line4", Lex.TEXT),
    "COMMUNE_ETRANGERE": ("foreign_town", Lex.TEXT),
    "CODE_POSTAL": ("postal_code", Lex.TEXT),
    "CODE_PAYS": ("country_code", Lex.TEXT),
    "CODE_COMMUNE_INSEE": ("insee_code", Lex.TEXT),
    "LL_PAYS": ("country_label", Lex.TEXT),
    "CODE_DEPARTEMENT": ("department_code", Lex.TEXT),
    "LIBELLE_POSTAL": ("postal_label", Lex.TEXT),
}

PERSON_FIELDS: FieldSpec = {
    "LC_CIVILITE": ("civility", Lex.TEXT),
    "LL_CIVILITE": ("civility_label", Lex.TEXT),
    "NOM_DE_FAMILLE": ("last_name", Lex.TEXT),
    "NOM_USAGE": ("usage_name", Lex.TEXT),
    "PRENOM": ("first_name", Lex.TEXT),
    "TEL_PERSONNEL": ("home_phone", Lex.TEXT),
    "TEL_PORTABLE": ("mobile_phone", Lex.TEXT),
    "TEL_PROFESSIONNEL": ("work_phone", Lex.TEXT),
    "MEL": ("email", Lex.TEXT),
    "ACCEPTE_SMS": ("accepts_sms", Lex.BOOL01),
    "COMMUNICATION_ADRESSE": ("address_communication", Lex.BOOL01),
    "ADRESSE_ID": ("address_id", Lex.TEXT),
    "CODE_PROFESSION": ("profession_code", Lex.TEXT),
}

# RESPONSABLE_ELEVE children, read into raw values before normalisation (GuardianLink).
LINK_FIELDS: FieldSpec = {
    "ELEVE_ID": ("eleve_id", Lex.TEXT),
    "PERSONNE_ID": ("person_id", Lex.TEXT),
    "RESP_LEGAL": ("resp_legal", Lex.TEXT),
    "NIVEAU_RESPONSABILITE": ("niveau", Lex.TEXT),
    "CODE_PARENTE": ("parente", Lex.TEXT),
    "RESP_FINANCIER": ("resp_financier", Lex.BOOL01),
    "PERS_PAIEMENT": ("pers_paiement", Lex.BOOL01),
    "PERS_CONTACT": ("pers_contact", Lex.BOOL01),
    "PAIE_FRAIS_SCOLAIRES": ("paie_frais", Lex.BOOL01),
    "PERCOIT_LES_AIDES": ("percoit_aides", Lex.BOOLTF),
    "HEBERGE_ELEVE": ("heberge", Lex.BOOLTF),
    "A_CONTACTER_EN_PRIORITE": ("priorite", Lex.BOOLTF),
}

MEF_FIELDS: FieldSpec = {
    "FORMATION": ("formation", Lex.TEXT),
    "SPECIALITE": ("speciality", Lex.TEXT),
    "LIBELLE_LONG": ("long_label", Lex.TEXT),
    "LIBELLE_EDITION": ("edition_label", Lex.TEXT),
    "STATUT_MEF": ("mef_status", Lex.TEXT),
    "MEF_RATTACHEMENT": ("attached_mef", Lex.TEXT),
    "CODE_MEFSTAT": ("mefstat_code", Lex.TEXT),
    "NB_OPT_OBLIG": ("mandatory_options", Lex.INT),
    "NB_OPT_MINI": ("minimum_options", Lex.INT),
    "DATE_OUVERTURE": ("opened_on", Lex.DATE),
    "DATE_FERMETURE": ("closed_on", Lex.DATE),
}

SUBJECT_FIELDS: FieldSpec = {
    "CODE_GESTION": ("management_code", Lex.TEXT),
    "LIBELLE_COURT": ("short_label", Lex.TEXT),
    "LIBELLE_LONG": ("long_label", Lex.TEXT),
    "LIBELLE_EDITION": ("edition_label", Lex.TEXT),
    "MATIERE_ETP": ("etp", Lex.TEXT),
    "CODE_MATIERE_NATIONALE": ("national_code", Lex.TEXT),
}

PROGRAMME_FIELDS: FieldSpec = {
    "CODE_MEF": ("mef_code", Lex.TEXT),
    "CODE_MATIERE": ("subject_code", Lex.TEXT),
    "CODE_MODALITE_ELECT": ("modality_code", Lex.TEXT),
    "HORAIRE": ("hours", Lex.DECIMAL),
}

MANDATORY_OPTION_FIELDS: FieldSpec = {
    "CODE_MEF": ("mef_code", Lex.TEXT),
    "CODE_MATIERE": ("subject_code", Lex.TEXT),
    "RANG_OPTION": ("rank", Lex.INT),
}

OPTION_LINE_FIELDS: FieldSpec = {
    "NUM_OPTION": ("rank", Lex.INT),
    "CODE_MODALITE_ELECT": ("modality_code", Lex.TEXT),
    "CODE_MATIERE": ("subject_code", Lex.TEXT),
}

# Nomenclature code tables: item element → (section, key attribute). §5.1.
CODE_TABLES: dict[str, tuple[str, str]] = {
    "MODALITE_ELECTION": ("MODALITES_ELECTION", "CODE_MODALITE_ELECT"),
    "REGIME": ("REGIMES", "CODE_REGIME"),
    "LIEN_PARENTE": ("LIENS_PARENTE", "CODE_PARENTE"),
    "BOURSE": ("BOURSES", "CODE_BOURSE"),
    "PROFESSION": ("PROFESSIONS", "CODE_PROFESSION"),
    "SITUATION_EMPLOI": ("SITUATIONS_EMPLOI", "CODE_SITUATION"),
    "PROVENANCE": ("PROVENANCES", "CODE_PROVENANCE"),
    "MOTIF_SORTIE": ("MOTIFS_SORTIE", "CODE_MOTIF_SORTIE"),
    "STATUT_ELEVE": ("STATUTS_ELEVE", "CODE_STATUT"),
    "CONTRAT": ("CONTRATS", "CODE_CONTRAT"),
    "TYPE_ETABLISSEMENT": ("TYPES_ETABLISSEMENT", "CODE_TYPE_ETAB"),
    "CIVILITE": ("CIVILITES", "CODE_CIVILITE"),
    "MODALITE_COURS": ("MODALITES_COURS", "CODE_MODALITE_COURS"),
}

# A DATE_SORTIE we cannot read leaves the pupil's presence unknown: the record is refused.
DATE_FIELDS_BLOCKING = frozenset({"DATE_SORTIE"})
