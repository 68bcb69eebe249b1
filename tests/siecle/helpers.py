"""Helpers for the import tests: generated export sets on disk, the command, a dump of the tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django_scopes import scopes_disabled

from siecle.formats.generator import GeneratedSet, export_xml_bytes, generate_set
from tests.commands import run_json_command

YEAR = 2026
ALL_EXPORTS = ("ElevesAvecAdresses", "ResponsablesAvecAdresses", "Nomenclature", "Structures")


def make_set(uai: str, *, students: int = 60, seed: int = 1, year: int = YEAR, fmt: str = "new") -> GeneratedSet:
    return generate_set(uai=uai, year=year, students=students, seed=seed, responsables_format=fmt)


def write_set(directory: Path, data: GeneratedSet, names: tuple[str, ...] = ALL_EXPORTS) -> list[str]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = directory / f"{data.uai}_{name}.xml"
        path.write_bytes(export_xml_bytes(data, name))
        paths.append(str(path))
    return paths


def run_import(*args: str) -> tuple[int, dict[str, Any]]:
    return run_json_command("import_siecle", *args)


def import_args(uai: str, paths: list[str], *options: str, year: int = YEAR) -> list[str]:
    return ["--uai", uai, "--year", str(year), *options, *paths]


def dump_siecle(*, with_runs: bool = True) -> dict[str, list[tuple]]:
    """Every row of every siecle table, sorted: equal dumps mean an untouched database."""
    skipped = set() if with_runs else {"importrun", "studentchange"}
    dump = {}
    with scopes_disabled():
        for model in apps.get_app_config("siecle").get_models():
            if model._meta.model_name in skipped:
                continue
            rows = model._default_manager.values_list()
            dump[str(model._meta.model_name)] = sorted(tuple(map(repr, row)) for row in rows)
    return dump
