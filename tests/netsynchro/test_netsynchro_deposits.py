"""Deposits against the sandbox: statuses over time, validation messages, duplicates."""

from __future__ import annotations

import time

import pytest

from netsynchro.errors import DepositRefused, DuplicateDeposit, NotFound
from tests.netsynchro.helpers import OTHER_UAI, UAI, edt_sts, import_eleves, make_client


def test_a_valid_deposit_goes_through_to_integre(sandbox, pki, year):
    with make_client(sandbox, pki) as client:
        deposit = client.deposit(
            year=year, destination="siecle-bee", content=import_eleves(UAI, year), filename="groupes.xml"
        )
        assert deposit.status == "recu" and deposit.id
        final = client.wait_for_deposit(deposit.id, timeout=5, interval=0.05)
    assert (final.status, final.messages) == ("integre", ())
    seen = {d["statut"] for d in sandbox.get("/deposits")["deposits"]}
    assert seen == {"integre"}


@pytest.mark.parametrize("destination", ["sts-web", "vie-etablissement"])
def test_edt_sts_is_accepted_for_sts_web_and_vie_etablissement(sandbox, pki, year, destination):
    with make_client(sandbox, pki) as client:
        deposit = client.deposit(year=year, destination=destination, content=edt_sts(UAI, year), filename="emp.xml")
        assert client.wait_for_deposit(deposit.id, timeout=5, interval=0.05).status == "integre"


def test_statuses_move_through_recu_en_traitement_integre(sandbox, pki, year):
    seen = []
    with make_client(sandbox, pki) as client:
        deposit = client.deposit(year=year, destination="sts-web", content=edt_sts(UAI, year), filename="e.xml")
        seen.append(deposit.status)
        while seen[-1] not in ("integre", "rejete") and len(seen) < 500:
            time.sleep(0.02)
            seen.append(client.deposit_status(deposit.id).status)
    order = list(dict.fromkeys(seen))
    assert order == ["recu", "en_traitement", "integre"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"<IMPORT_ELEVES><PARAMETRES>", "n'est pas un XML bien formé"),
        (import_eleves(UAI, 2020, root="EDT_STS"), "attend « IMPORT_ELEVES »"),
        (import_eleves(OTHER_UAI, 2020), f"L'UAJ du fichier ({OTHER_UAI}) n'est pas celui"),
        (import_eleves(UAI, 2020, eleve_id="ABC"), "ELEVE_ID manquant ou non numérique"),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><IMPORT_ELEVES>&e;</IMPORT_ELEVES>',
            "DOCTYPE",
        ),
    ],
)
def test_an_invalid_deposit_ends_rejete_with_the_sandbox_messages(sandbox, pki, year, content, expected):
    content = content.replace(b"2020", str(year).encode())
    with make_client(sandbox, pki) as client:
        deposit = client.deposit(year=year, destination="siecle-bee", content=content, filename="bad.xml")
        assert deposit.status == "recu" and deposit.messages == ()
        final = client.wait_for_deposit(deposit.id, timeout=5, interval=0.05)
    assert final.status == "rejete"
    assert any(expected in message for message in final.messages), final.messages


def test_a_duplicate_deposit_is_answered_as_such(sandbox, pki, year):
    content = import_eleves(UAI, year)
    with make_client(sandbox, pki) as client:
        first = client.deposit(year=year, destination="siecle-bee", content=content, filename="a.xml")
        with pytest.raises(DuplicateDeposit) as duplicate:
            client.deposit(year=year, destination="siecle-bee", content=content, filename="b.xml")
        other = client.deposit(year=year, destination="sts-web", content=content, filename="c.xml")
    assert duplicate.value.deposit_id == first.id and "déjà été déposé" in duplicate.value.message
    assert other.id != first.id


def test_a_deposit_retried_after_a_503_is_stored_once(sandbox, pki, year):
    sandbox.control(fail_next=1)
    with make_client(sandbox, pki) as client:
        deposit = client.deposit(
            year=year, destination="siecle-bee", content=import_eleves(UAI, year), filename="a.xml"
        )
    assert len(sandbox.get("/deposits")["deposits"]) == 1 and deposit.status == "recu"


def test_refused_deposit_requests(sandbox, pki, year):
    with make_client(sandbox, pki) as client:
        with pytest.raises(DepositRefused) as unknown:
            client.deposit(year=year, destination="pronote", content=b"<x/>", filename="x.xml")
        with pytest.raises(DepositRefused) as empty:
            client.deposit(year=year, destination="sts-web", content=b"", filename="x.xml")
        with pytest.raises(NotFound) as missing:
            client.deposit_status("0123456789abcdef")
    assert unknown.value.code == "destination_inconnue" and "Destination inconnue" in unknown.value.message
    assert empty.value.code == "depot_vide"
    assert missing.value.code == "depot_inconnu"
