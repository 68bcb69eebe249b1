"""The school's catalogue: MEF, subjects, programmes and code tables (BEE_NOMENCLATURES content)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from siecle.formats.records import CodeLabel, MandatoryOption, Mef, Programme, Subject

OPEN_ENDED = dt.date(9999, 12, 31)
# Level digit → (MEF codes, label). 3e has a second MEF with a letter, as real codes do.
LEVEL_MEFS: dict[str, tuple[tuple[str, str], ...]] = {
    "6": (("10010012110", "6EME"),),
    "5": (("10110001110", "5EME"),),
    "4": (("10210001110", "4EME"),),
    "3": (("10310019110", "3EME"), ("1031002611U", "3EME PRÉPA-MÉTIERS")),
}
LV1, LV2_ES, LV2_DE, LATIN = "030201", "030602", "030102", "020700"
SUBJECTS: tuple[tuple[str, str, str, str], ...] = (
    # code, CODE_GESTION, short label, edition label
    ("020100", "FRANC", "FRANCAIS", "FRANÇAIS"),
    ("061300", "MATHS", "MATHEMATIQUES", "MATHÉMATIQUES"),
    (LV1, "AGL1", "ANGLAIS LV1", "ANGLAIS LV1"),
    (LV2_ES, "ESP2", "ESPAGNOL LV2", "ESPAGNOL LV2"),
    (LV2_DE, "ALL2", "ALLEMAND LV2", "ALLEMAND LV2"),
    ("040600", "HIGEO", "HISTOIRE-GEOGRAPHIE", "HISTOIRE-GÉOGRAPHIE"),
    (LATIN, "LCALA", "LATIN", "LANGUES ET CULTURES DE L'ANTIQUITÉ LATIN"),
    ("100100", "EPS", "EPS", "ÉDUCATION PHYSIQUE ET SPORTIVE"),
    ("062900", "SVT", "SVT", "SCIENCES DE LA VIE ET DE LA TERRE"),
    ("061100", "PH-CH", "PHYSIQUE-CHIMIE", "PHYSIQUE-CHIMIE"),
    ("070200", "TECHN", "TECHNOLOGIE", "TECHNOLOGIE"),
    ("080100", "A-PLA", "ARTS PLASTIQUES", "ARTS PLASTIQUES"),
    ("082100", "EDMUS", "EDUCATION MUSICALE", "ÉDUCATION MUSICALE"),
    ("000A00", "VIECL", "VIE DE CLASSE", "HEURE DE VIE DE CLASSE"),
    ("061A01", "AP", "ACCOMPAGNEMENT PERSO", "ACCOMPAGNEMENT PERSONNALISÉ"),
)
COMMON_HOURS = {
    "020100": "4.50",
    "061300": "3.50",
    LV1: "3.00",
    "040600": "3.00",
    "100100": "3.00",
    "062900": "1.50",
    "061100": "1.50",
    "070200": "1.50",
    "080100": "1.00",
    "082100": "1.00",
    "000A00": "0.50",
    "061A01": "1.00",
}

_TABLES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "MODALITES_ELECTION": (
        ("S", "TRONC COMM", "TRONC COMMUN"),
        ("O", "OBLIGATOIRE", "OPTION OBLIGATOIRE"),
        ("F", "FACULTATIF", "OPTION FACULTATIVE"),
        ("N", "OBL OU FAC", "OBLIGATOIRE OU FACULTATIF"),
        ("X", "MES SPEC", "MESURE SPÉCIFIQUE"),
        ("L", "AJOUT ACAD", "AJOUT ACADÉMIQUE"),
        ("R", "RELIGION", "ENSEIGNEMENT RELIGIEUX"),
    ),
    "REGIMES": (
        ("0", "EXTERN", "EXTERNE LIBRE"),
        ("2", "DP DAN", "DEMI-PENSIONNAIRE DANS L'ÉTABLISSEMENT"),
        ("3", "INTERN", "INTERNE DANS L'ÉTABLISSEMENT"),
        ("24", "DP 4J", "DEMI-PENSIONNAIRE 4 JOURS"),
        ("29", "DP TICK", "DEMI-PENSIONNAIRE AU TICKET"),
    ),
    "STATUTS_ELEVE": (("ST", "SCOLAIRE", "SCOLAIRE"), ("AP", "APPRENTI", "APPRENTI")),
    "PROVENANCES": (
        ("1", "PUB ACAD", "PUBLIC DE L'ACADÉMIE"),
        ("2", "PRIV ACAD", "PRIVÉ DE L'ACADÉMIE"),
        ("3", "PUB HORS", "PUBLIC HORS ACADÉMIE"),
        ("7", "ETR HORS UE", "ÉTRANGER HORS UE"),
    ),
    "MOTIFS_SORTIE": (
        ("11", "SECOND PUB", "POURSUITE D'ÉTUDES SECONDAIRES PUBLIC ACADÉMIE"),
        ("13", "SECOND HORS", "POURSUITE D'ÉTUDES SECONDAIRES HORS ACADÉMIE"),
        ("14", "ÉTRANGER", "POURSUITE D'ÉTUDES À L'ÉTRANGER"),
        ("40", "AUTRE", "AUTRE MOTIF"),
        ("99", "INCONNU", "MOTIF INCONNU"),
    ),
    "CIVILITES": (("1", "M.", "MONSIEUR"), ("2", "MME", "MADAME")),
    "PROFESSIONS": (
        ("23", "CHEF ENTR", "CHEF D'ENTREPRISE"),
        ("33", "CADRE FP", "CADRE DE LA FONCTION PUBLIQUE"),
        ("42", "PROF ÉCOLES", "PROFESSEUR DES ÉCOLES"),
        ("52", "EMPL FP", "EMPLOYÉ CIVIL DE LA FONCTION PUBLIQUE"),
        ("62", "OUVR QUAL", "OUVRIER QUALIFIÉ"),
        ("82", "SANS ACT", "SANS ACTIVITÉ PROFESSIONNELLE"),
    ),
}
_PARENTE = {
    "new": (
        ("10", "MÈRE", "MÈRE"),
        ("20", "PÈRE", "PÈRE"),
        ("38", "ASCENDANT", "ASCENDANT"),
        ("39", "AUTRE MEMBRE", "AUTRE MEMBRE DE LA FAMILLE"),
        ("50", "TUTEUR", "TUTEUR"),
        ("51", "ASE", "AIDE SOCIALE À L'ENFANCE"),
    ),
    "old": (
        ("1", "PÈRE", "PÈRE"),
        ("2", "MÈRE", "MÈRE"),
        ("3", "TUTEUR", "TUTEUR"),
        ("4", "AUTRE MEMBRE", "AUTRE MEMBRE DE LA FAMILLE"),
        ("5", "ASE", "AIDE SOCIALE À L'ENFANCE (ASE)"),
    ),
}
_WITH_EXTRAS: tuple[CodeLabel, ...] = (
    CodeLabel("BOURSES", "1", "NATIONALE", "BOURSE NATIONALE", (("BOURSE_NATIONALE", "1"),)),
    CodeLabel("BOURSES", "8", "COLLÈGE", "BOURSE DE COLLÈGE", (("BOURSE_NATIONALE", "1"),)),
    CodeLabel("MODALITES_COURS", "CG", "COURS GÉN", "COURS GÉNÉRAL", (("CO_ENSEIGNEMENT", "0"),)),
    CodeLabel("MODALITES_COURS", "TP", "TP", "TRAVAUX PRATIQUES", (("CO_ENSEIGNEMENT", "1"),)),
)


def mefs(year: int) -> dict[str, Mef]:
    opened = dt.date(year - 8, 9, 1)
    result: dict[str, Mef] = {}
    for level, entries in LEVEL_MEFS.items():
        for code, label in entries:
            result[code] = Mef(
                code=code,
                formation=f"{level}EME",
                long_label=label,
                edition_label=label,
                mef_status="4",
                attached_mef=entries[0][0],
                mefstat_code=f"2111{level}",
                mandatory_options=1 if level != "6" else 0,
                minimum_options=0,
                opened_on=opened,
                closed_on=OPEN_ENDED,
            )
    return result


def subjects() -> dict[str, Subject]:
    return {
        code: Subject(
            code=code, management_code=gestion, short_label=short, long_label=short, edition_label=edition, etp="1"
        )
        for code, gestion, short, edition in SUBJECTS
    }


def programmes() -> list[Programme]:
    result: list[Programme] = []
    for entries in LEVEL_MEFS.values():
        for code, _label in entries:
            result.extend(Programme(code, subject, "S", Decimal(hours)) for subject, hours in COMMON_HOURS.items())
            result.append(Programme(code, LATIN, "F", Decimal("2.00")))
            if code[2] != "0":  # LV2 from 5e: mandatory option, also listed as S (the §5.1 pair)
                result.append(Programme(code, LV2_ES, "O", Decimal("2.50")))
                result.append(Programme(code, LV2_ES, "S", Decimal("2.50")))
                result.append(Programme(code, LV2_DE, "O", Decimal("2.50")))
    return result


def mandatory_options() -> list[MandatoryOption]:
    return [
        MandatoryOption(code, subject, 1)
        for entries in LEVEL_MEFS.values()
        for code, _label in entries
        if code[2] != "0"
        for subject in (LV2_ES, LV2_DE)
    ]


def code_tables(responsables_format: str) -> dict[str, dict[str, CodeLabel]]:
    tables: dict[str, dict[str, CodeLabel]] = {}
    rows = dict(_TABLES, LIENS_PARENTE=_PARENTE[responsables_format])
    for table, entries in rows.items():
        tables[table] = {code: CodeLabel(table, code, short, long) for code, short, long in entries}
    for label in _WITH_EXTRAS:
        tables.setdefault(label.table, {})[label.code] = label
    return tables
