from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from establishments.models import Establishment, Membership, Organisation
from tests.commands import run_json_command

pytestmark = pytest.mark.django_db


def run(name: str, *args: str) -> tuple[int, dict]:
    return run_json_command(name, *args)


def user_create(tmp_path, username: str, password: str, *extra: str) -> tuple[int, dict]:
    """``user_create`` for the cité, its password in a file as operators pass it."""
    password_file = tmp_path / "pw"
    password_file.write_text(password)
    return run(
        "user_create",
        "--username",
        username,
        "--password-file",
        str(password_file),
        "--organisation",
        "Cité scolaire Jean Moulin",
        *extra,
    )


def test_establishment_create_creates_the_organisation_and_the_establishment():
    code, payload = run(
        "establishment_create",
        "--uai",
        "0750654D",
        "--name",
        "Lycée Henri-IV",
        "--organisation",
        "Henri-IV",
        "--kind",
        "lycee",
    )
    assert code == 0
    assert payload == {
        "organisation": "Henri-IV",
        "uai": "0750654D",
        "name": "Lycée Henri-IV",
        "kind": "lycee",
        "created": True,
    }
    assert Establishment.objects.get(uai="0750654D").organisation.name == "Henri-IV"


def test_establishment_create_refuses_an_invalid_uai():
    code, payload = run("establishment_create", "--uai", "0750654A", "--name", "X", "--organisation", "Y")
    assert code == 1 and "lettre de contrôle" in payload["error"]
    assert not Organisation.objects.exists()


def test_establishment_create_refuses_a_duplicate_uai(cite_college):
    code, payload = run("establishment_create", "--uai", cite_college.uai, "--name", "Autre", "--organisation", "Autre")
    assert code == 1 and "déjà enregistré" in payload["error"]


def test_establishment_create_refuses_an_unknown_kind():
    code, payload = run(
        "establishment_create", "--uai", "0750654D", "--name", "X", "--organisation", "Y", "--kind", "université"
    )
    assert code == 1 and "Type d'établissement inconnu" in payload["error"]


def test_user_create_gives_roles_and_limits(tmp_path, cite_college, cite_lycee, cite_lp):
    code, payload = user_create(
        tmp_path,
        "dora",
        "Un-mot-de-passe-solide-42\n",
        "--role",
        "concepteur",
        "--role",
        "administrateur",
        "--uai",
        cite_lycee.uai,
    )
    assert code == 0
    assert payload == {
        "username": "dora",
        "organisation": "Cité scolaire Jean Moulin",
        "roles": ["administrateur", "concepteur"],
        "establishments": [cite_lycee.uai],
    }
    membership = Membership.objects.get(user__username="dora")
    assert membership.user.check_password("Un-mot-de-passe-solide-42")  # trailing newline ignored


def test_user_create_lists_every_establishment_when_not_limited(tmp_path, cite_college, cite_lycee, cite_lp):
    code, payload = user_create(tmp_path, "eve", "Un-mot-de-passe-solide-42", "--role", "concepteur")
    assert code == 0 and payload["establishments"] == sorted([cite_college.uai, cite_lycee.uai, cite_lp.uai])


def test_user_create_refuses_a_uai_of_another_organisation(tmp_path, cite_college, other_college):
    code, payload = user_create(
        tmp_path, "eve", "Un-mot-de-passe-solide-42", "--role", "concepteur", "--uai", other_college.uai
    )
    assert code == 1 and other_college.uai in payload["error"]
    assert not Membership.objects.filter(user__username="eve").exists()


def test_user_create_refuses_a_weak_password(tmp_path, cite_college):
    code, payload = user_create(tmp_path, "eve", "123", "--role", "concepteur")
    assert code == 1 and payload["error"].startswith("Mot de passe refusé")


def test_demo_setup_is_idempotent_and_prints_one_line_per_user():
    first, second = StringIO(), StringIO()
    call_command("demo_setup", stdout=first)
    call_command("demo_setup", stdout=second)
    assert first.getvalue() == second.getvalue()
    lines = first.getvalue().splitlines()
    assert (
        lines[0]
        == "login: admin.moulin  mot de passe: Demo-Admin-2026  rôles: administrateur  établissements: 0691234S, 0691235T, 0691236U"
    )
    assert (
        "login: cite.moulin  mot de passe: Demo-Cite-2026  rôles: administrateur, concepteur  établissements: 0691234S, 0691235T"
        in lines
    )
    assert Establishment.objects.count() == 4 and Organisation.objects.count() == 2


def test_the_demo_outsider_cannot_open_the_cite(client):
    call_command("demo_setup", stdout=StringIO())
    assert client.login(username="externe.hugo", password="Demo-Externe-2026")
    assert client.get("/e/0691234S/").status_code == 404
    assert client.get("/e/0381111B/").status_code == 200
