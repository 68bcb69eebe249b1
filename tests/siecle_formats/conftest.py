"""Builders of small inline SIECLE files, exposed as fixtures (tests here have no __init__)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from siecle.formats.generator import GeneratedSet, generate_set

UAI = "0310053P"
PARAMETRES = (
    f"<PARAMETRES><UAJ>{UAI}</UAJ><ANNEE_SCOLAIRE>2017</ANNEE_SCOLAIRE>"
    "<DATE_EXPORT>16/10/2017</DATE_EXPORT><HORODATAGE>16/10/2017 12:49:04</HORODATAGE></PARAMETRES>"
)


def bee_document(
    root: str, donnees: str, *, version: str = "2.2", parametres: str = PARAMETRES, encoding: str = "ISO-8859-15"
) -> bytes:
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<{root} VERSION="{version}">\n'
        f"{parametres}\n<DONNEES>\n{donnees}\n</DONNEES>\n</{root}>\n"
    )
    return text.encode("utf-8" if encoding.upper() == "UTF-8" else encoding)


def eleve(
    eleve_id: str,
    *,
    nom: str = "DUPONT",
    prenom: str = "Léa",
    ine: str | None = "123456789AB",
    sexe: str | None = "2",
    extra: str = "",
) -> str:
    ine_xml = f"<ID_NATIONAL>{ine}</ID_NATIONAL>" if ine else ""
    sexe_xml = f"<CODE_SEXE>{sexe}</CODE_SEXE>" if sexe else ""
    return (
        f'<ELEVE ELEVE_ID="{eleve_id}" ELENOET="{eleve_id[-4:]}">{ine_xml}'
        f"<NOM_DE_FAMILLE>{nom}</NOM_DE_FAMILLE><PRENOM>{prenom}</PRENOM>"
        f"<DATE_NAISS>03/05/2005</DATE_NAISS>{sexe_xml}{extra}</ELEVE>"
    )


@pytest.fixture
def bee() -> Callable[..., bytes]:
    return bee_document


@pytest.fixture
def eleves_file() -> Callable[..., bytes]:
    """``eleves_file(*eleve_xml, sections="")`` → a BEE_ELEVES file with those ELEVE records."""

    def build(*records: str, sections: str = "", **kwargs: str) -> bytes:
        return bee_document("BEE_ELEVES", f"<ELEVES>{''.join(records)}</ELEVES>{sections}", **kwargs)

    return build


@pytest.fixture
def make_eleve() -> Callable[..., str]:
    return eleve


@pytest.fixture(scope="session")
def school() -> GeneratedSet:
    return generate_set(uai=UAI, year=2024, students=400, seed=7)


@pytest.fixture(scope="session")
def old_school() -> GeneratedSet:
    return generate_set(uai=UAI, year=2017, students=400, seed=7, responsables_format="old", eleves_version="2.2")
