"""The three exports: their wizard labels, NetSynchro destinations and file names."""

from __future__ import annotations

from django.db import models

from establishments.school_years import school_year_label

APPLICATION = "NetSynchro Portal"  # APPLICATION_SOURCE / LOGICIEL


class Target(models.TextChoices):
    SIECLE_BEE = "siecle-bee", "SIECLE BEE"
    VIE_ETABLISSEMENT = "vie-etablissement", "SIECLE Vie de l'établissement"
    STS_WEB = "sts-web", "STS-Web"


TIMETABLE_TARGETS = (Target.STS_WEB, Target.VIE_ETABLISSEMENT)

DESCRIPTIONS = {
    Target.SIECLE_BEE: "La répartition des élèves dans les groupes, vers SIECLE BEE (fichier IMPORT_ELEVES).",
    Target.VIE_ETABLISSEMENT: (
        "L'emploi du temps semaine par semaine, vers SIECLE Vie de l'établissement. Le format officiel de cet "
        "import n'est pas public : le fichier est au format EDT_STS, avec une alternance par semaine."
    ),
    Target.STS_WEB: "L'emploi du temps annuel et les services des enseignants, vers STS-Web (fichier EDT_STS).",
}

STS_WEB_NOTICE = (
    "Après l'envoi vers STS-Web, l'établissement doit valider les services dans STS-Web : l'intégration "
    "des données y demande des validations de la part de l'établissement."
)


def file_name(target: str, uai: str, school_year: int) -> str:
    if target == Target.SIECLE_BEE:
        return f"{uai}_ELEGROUPE_{school_year}.xml"
    if target == Target.VIE_ETABLISSEMENT:
        return f"emp_vie_etablissement_{uai}_{school_year}.xml"
    return f"emp_sts_{uai}_{school_year}.xml"


def target_label(target: str) -> str:
    return Target(target).label


def year_label(school_year: int) -> str:
    return school_year_label(school_year)
