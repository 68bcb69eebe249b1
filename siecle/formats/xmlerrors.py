"""libxml2's English error messages, told in French for the secretary (the English stays as ``detail``)."""

from __future__ import annotations

from lxml import etree

from siecle.formats.issues import FormatError

# libxml2 error name (etree.ErrorTypes) prefix → what it means for someone holding the file.
_FRENCH_BY_PREFIX: tuple[tuple[str, str], ...] = (
    (
        "ERR_INVALID_ENCODING",
        "des octets ne correspondent pas à l'encodage déclaré par le fichier (il a sans doute été ouvert "
        "puis réenregistré dans un autre encodage)",
    ),
    ("ERR_UNSUPPORTED_ENCODING", "l'encodage déclaré n'est pas pris en charge"),
    ("ERR_UNKNOWN_ENCODING", "l'encodage déclaré n'est pas pris en charge"),
    ("ERR_INVALID_CHAR", "un caractère interdit en XML (caractère de contrôle) est présent"),
    ("ERR_RESOURCE_LIMIT", "une valeur ou une structure dépasse les tailles admises (fichier anormal ou altéré)"),
    ("ERR_NAME_TOO_LONG", "un nom d'élément dépasse les tailles admises (fichier anormal ou altéré)"),
    ("ERR_TAG_NAME_MISMATCH", "une balise fermante ne correspond pas à la balise ouverte"),
    ("ERR_TAG_NOT_FINISHED", "une balise n'est pas refermée"),
    ("ERR_DOCUMENT_EMPTY", "aucun élément XML n'a été trouvé"),
    ("ERR_DOCUMENT_END", "du contenu suit la fin du document"),
    ("ERR_UNDECLARED_ENTITY", "une référence d'entité (&…;) inconnue est présente"),
    ("ERR_ENTITY", "une référence d'entité (&…;) est mal écrite ou interdite"),
    ("ERR_ATTRIBUTE", "un attribut est mal écrit"),
    ("ERR_LT_IN_ATTRIBUTE", "un attribut contient le caractère « < »"),
    ("ERR_COMMENT", "un commentaire n'est pas refermé"),
    ("ERR_CDATA", "une section CDATA n'est pas refermée"),
)
_DEFAULT = "la structure XML est incorrecte"


def french_reason(code: int) -> str:
    name = etree.ErrorTypes._getName(code, "") or ""  # type: ignore[attr-defined]  # lxml API missing from its stubs
    for prefix, reason in _FRENCH_BY_PREFIX:
        if name.startswith(prefix):
            return reason
    return _DEFAULT


def english_detail(exc: etree.XMLSyntaxError) -> str:
    """libxml2's own words without the position lxml appends (the position is reported apart)."""
    return str(exc.msg or exc).split(", line ")[0]


def malformed(exc: etree.XMLSyntaxError, *, truncated: bool) -> FormatError:
    line, column = exc.position
    where = f", ligne {line}, colonne {column}" if line else ""
    message = f"XML mal formé{where} : {french_reason(exc.code)}."
    if truncated:
        message += " Le fichier semble tronqué (fin manquante)."
    return FormatError(
        "XML_MALFORMED",
        message,
        line=line or None,
        column=column if line else None,
        detail=english_detail(exc),
    )
