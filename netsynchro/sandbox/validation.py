"""Checks a deposited file the way the sandbox's "platform" would: safely parsed, expected root for the
destination, UAJ equal to the certificate's UAI, and a few structural rules. Returns French messages."""

from __future__ import annotations

from typing import cast

from lxml import etree

from netsynchro import protocol

MAX_MESSAGES = 50


def deposit_problems(content: bytes, *, destination: str, uai: str, year: int) -> list[str]:
    """The reasons to reject the file (an empty list means it will be integrated)."""
    expected = protocol.DESTINATIONS[destination]
    head = content[:4096].lstrip(b"\xef\xbb\xbf")
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in content.upper():
        return ["Le fichier contient une déclaration DOCTYPE ou ENTITY : refusée par sécurité."]
    try:
        root = etree.fromstring(content, parser=_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        return [f"Le fichier n'est pas un XML bien formé (ligne {line}, colonne {column})."]
    root_tag = cast(str, root.tag)  # always str on a parsed document
    if root_tag != expected:
        return [f"La racine du fichier est « {root_tag} » : la destination {destination} attend « {expected} »."]
    problems = _parameters_problems(root, uai=uai, year=year)
    checker = _import_eleves_problems if expected == "IMPORT_ELEVES" else _edt_sts_problems
    problems.extend(checker(root))
    if len(problems) > MAX_MESSAGES:
        problems = problems[:MAX_MESSAGES] + [f"… et {len(problems) - MAX_MESSAGES} autre(s) erreur(s)."]
    return problems


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _text(element: etree._Element | None, path: str) -> str:
    found = element.find(path) if element is not None else None
    return (found.text or "").strip() if found is not None else ""


def _parameters_problems(root: etree._Element, *, uai: str, year: int) -> list[str]:
    parameters = root.find("PARAMETRES")
    if parameters is None:
        return ["Le bloc PARAMETRES manque."]
    problems = []
    uaj = _text(parameters, "UAJ").upper()
    if not uaj:
        problems.append("PARAMETRES/UAJ manque : impossible de savoir à quel établissement est destiné le fichier.")
    elif uaj != uai:
        problems.append(f"L'UAJ du fichier ({uaj}) n'est pas celui de l'établissement du certificat ({uai}).")
    school_year = _text(parameters, "ANNEE_SCOLAIRE")
    if school_year and school_year != str(year):
        problems.append(f"ANNEE_SCOLAIRE du fichier ({school_year}) différente de l'année du dépôt ({year}).")
    return problems


def _import_eleves_problems(root: etree._Element) -> list[str]:
    problems = []
    if not root.get("VERSION"):
        problems.append("L'attribut VERSION de IMPORT_ELEVES manque.")
    pupils = root.findall("DONNEES/ELEVES/ELEVE")
    if root.find("DONNEES/ELEVES") is None:
        return problems + ["Le bloc DONNEES/ELEVES manque."]
    for index, pupil in enumerate(pupils, start=1):
        eleve_id = _text(pupil, "ELEVE_ID")
        if not eleve_id.isdigit():
            problems.append(f"Élève n° {index} : ELEVE_ID manquant ou non numérique.")
        for group in pupil.findall("GROUPES/GROUPE"):
            if not _text(group, "CODE_GROUPE"):
                problems.append(f"Élève n° {index} : un GROUPE sans CODE_GROUPE.")
    return problems


def _edt_sts_problems(root: etree._Element) -> list[str]:
    data = root.find("DONNEES")
    if data is None:
        return ["Le bloc DONNEES manque."]
    problems = []
    if data.find("STRUCTURE") is None:
        problems.append("Le bloc DONNEES/STRUCTURE manque.")
    required = (
        ("ALTERNANCES/ALTERNANCE", "CODE", "une ALTERNANCE"),
        ("INDIVIDUS/INDIVIDU", "ID", "un INDIVIDU"),
        ("STRUCTURE/DIVISIONS/DIVISION", "CODE", "une DIVISION"),
        ("STRUCTURE/GROUPES/GROUPE", "CODE", "un GROUPE"),
        (".//SERVICE", "CODE_MATIERE", "un SERVICE"),
    )
    for path, attribute, label in required:
        missing = sum(1 for item in data.findall(path) if not (item.get(attribute) or "").strip())
        if missing:
            problems.append(f"{missing} × {label} sans attribut {attribute}.")
    return problems
