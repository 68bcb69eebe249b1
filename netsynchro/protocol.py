"""The project's own NetSynchro HTTP contract (docs/netsynchro.md): names shared by the client and the sandbox.

Pure Python, no Django: the sandbox imports it without settings.
"""

from __future__ import annotations

API_PREFIX = "/api/v1"

# Export kinds (URL segment) → the zip name a manual SIECLE BEE export gives.
EXPORT_FILES: dict[str, str] = {
    "eleves": "ExportXML_ElevesAvecAdresses.zip",
    "responsables": "ExportXML_ResponsablesAvecAdresses.zip",
    "nomenclatures": "ExportXML_Nomenclature.zip",
    "structures": "ExportXML_Structures.zip",
}
EXPORT_KINDS: tuple[str, ...] = tuple(EXPORT_FILES)

# Deposit destinations → the root element the sandbox expects (the Vie de l'établissement format is
# not public: EDT_STS is the assumed one).
DESTINATIONS: dict[str, str] = {
    "siecle-bee": "IMPORT_ELEVES",
    "vie-etablissement": "EDT_STS",
    "sts-web": "EDT_STS",
}

# Deposit statuses, in order; the last two are final.
RECU, EN_TRAITEMENT, INTEGRE, REJETE = "recu", "en_traitement", "integre", "rejete"
STATUSES: tuple[str, ...] = (RECU, EN_TRAITEMENT, INTEGRE, REJETE)
FINAL_STATUSES = frozenset({INTEGRE, REJETE})

# Error codes of the JSON error body {"code": ..., "message": ...}.
CERTIFICATE_UAI = "certificat_uai"
UNKNOWN_UAI = "uai_inconnu"
UNKNOWN_YEAR = "annee_inconnue"
UNKNOWN_KIND = "type_export_inconnu"
NO_EXPORT = "export_indisponible"
UNKNOWN_DESTINATION = "destination_inconnue"
EMPTY_DEPOSIT = "depot_vide"
DEPOSIT_TOO_LARGE = "depot_trop_volumineux"
DUPLICATE_DEPOSIT = "depot_duplique"
UNKNOWN_DEPOSIT = "depot_inconnu"
RATE_LIMITED = "trop_de_requetes"
UNAVAILABLE = "indisponible"
NOT_FOUND = "introuvable"

MAX_DEPOSIT_BYTES = 50 * 1024 * 1024
UAI_HEADER = "X-NetSynchro-UAI"


def establishment_path(uai: str) -> str:
    """``GET``: who the platform recognises behind the certificate (the connection test)."""
    return f"{API_PREFIX}/etablissements/{uai}"


def export_path(uai: str, year: int, kind: str) -> str:
    return f"{API_PREFIX}/etablissements/{uai}/exports/{year}/{kind}"


def deposits_path(uai: str) -> str:
    return f"{API_PREFIX}/etablissements/{uai}/depots"


def deposit_path(uai: str, deposit_id: str) -> str:
    return f"{API_PREFIX}/etablissements/{uai}/depots/{deposit_id}"
