"""``IMPORT_ELEVES`` 1.3, the students' groups sent back to SIECLE BEE (FORMATS-MINISTRY-EXPORTS.md §3.1),
in UTF-8 as declared. Pupils are named by their SIECLE ``ELEVE_ID`` and groups by their SIECLE code
(GEPI wrote its own internal ids there; BEE matches structures by code)."""

from __future__ import annotations

from exports.formats.data import StudentGroupsExport
from exports.formats.text import IMPORT_ELEVES_ENCODING, encode_document, escape

ROOT = "IMPORT_ELEVES"
VERSION = "1.3"


def write_import_eleves(export: StudentGroupsExport) -> bytes:
    parts = [
        f'<?xml version="1.0" encoding="{IMPORT_ELEVES_ENCODING}"?>\n<{ROOT} VERSION="{VERSION}">\n',
        f"<PARAMETRES><UAJ>{escape(export.uai)}</UAJ><ANNEE_SCOLAIRE>{export.school_year}</ANNEE_SCOLAIRE>"
        f"<DATE_IMPORT>{export.export_date:%d/%m/%Y}</DATE_IMPORT><NUM_ENVOI>{export.send_number}</NUM_ENVOI>"
        f"<LOGICIEL>{escape(export.application)}</LOGICIEL></PARAMETRES>\n<DONNEES><ELEVES>\n",
    ]
    for pupil in export.pupils:
        birth = pupil.birth_date.isoformat() if pupil.birth_date else ""
        parts.append(
            f"<ELEVE><ELEVE_ID>{escape(pupil.eleve_id)}</ELEVE_ID><NOM>{escape(pupil.last_name)}</NOM>"
            f"<PRENOM>{escape(pupil.first_name)}</PRENOM><DATE_NAISS>{birth}</DATE_NAISS><GROUPES>"
        )
        for group in pupil.groups:
            parts.append(
                f"<GROUPE><CODE_GROUPE>{escape(group.group_code)}</CODE_GROUPE>"
                f"<DATE_DEBUT_GROUPE>{group.start.isoformat()}</DATE_DEBUT_GROUPE>"
                f"<DATE_FIN_GROUPE>{group.end.isoformat()}</DATE_FIN_GROUPE></GROUPE>"
            )
        parts.append("</GROUPES></ELEVE>\n")
    parts.append(f"</ELEVES></DONNEES>\n</{ROOT}>\n")
    return encode_document(parts, IMPORT_ELEVES_ENCODING)
