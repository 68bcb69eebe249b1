"""The page « Gérer les certificats NetSynchro »: statuses, Ajouter / Modifier / Supprimer, roles, years."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from audit.models import AuditEvent
from certificates.models import Certificate
from certificates.pkcs12 import MAX_P12_BYTES
from certificates.pki import with_mac_iterations
from certificates.selectors import certificate_integrity_check
from tests.certificates.django_helpers import YEAR, install

pytestmark = pytest.mark.django_db


def url(name: str, establishment, target=None, year: int = YEAR) -> str:
    kwargs = {"uai": establishment.uai}
    if target is not None:
        kwargs["target_uai"] = target.uai
    return f"{reverse(f'certificates:{name}', kwargs=kwargs)}?annee={year}"


def upload(p12, uai: str, password: str | None = None) -> dict:
    return {
        "uai": uai,
        "certificate": SimpleUploadedFile("certificat.p12", p12.data, content_type="application/x-pkcs12"),
        "password": p12.password if password is None else password,
    }


def count() -> int:
    with scopes_disabled():
        return Certificate.objects.count()


def test_page_lists_every_visible_establishment_with_its_status(
    client_for, admin_user, cite_college, cite_lycee, cite_lp, make_p12
) -> None:
    install(cite_college, make_p12(cite_college.uai))
    install(cite_lycee, make_p12(cite_lycee.uai, ends=5))
    install(cite_lp, make_p12(cite_lp.uai), year=YEAR - 1)
    page = client_for(admin_user).get(url("manage", cite_college)).content.decode()
    assert "Gérer les certificats NetSynchro" in page
    assert 'data-status="valid">valide jusqu&#x27;au' in page or "valide jusqu'au" in page
    assert "expire dans 5 jours" in page and "aucun certificat" in page
    assert "Reprendre le certificat de l'année précédente" in page
    assert "Ajouter" in page and "Modifier" in page and "Supprimer" in page


def test_expired_and_unreadable_statuses(client_for, admin_user, cite_college, cite_lycee, make_p12) -> None:
    college = install(cite_college, make_p12(cite_college.uai))
    install(cite_lycee, make_p12(cite_lycee.uai))
    with scopes_disabled():
        Certificate.objects.filter(pk=college.pk).update(not_after=college.not_before + timedelta(seconds=1))
        Certificate.objects.filter(establishment=cite_lycee).update(encrypted_key=college.encrypted_key)
        certificate_integrity_check(Certificate.objects.get(establishment=cite_lycee))  # as key rotation does
    page = client_for(admin_user).get(url("manage", cite_college)).content.decode()
    assert 'data-status="expired">expiré' in page and 'data-status="unreadable">illisible' in page


def test_admin_adds_a_certificate_and_sees_its_details(
    client_for, admin_user, cite_college, cite_lycee, make_p12
) -> None:
    p12 = make_p12(cite_lycee.uai)
    client = client_for(admin_user)
    response = client.post(url("add", cite_college), upload(p12, cite_lycee.uai))
    assert response.status_code == 302 and response["Location"] == url("detail", cite_college, cite_lycee)
    page = client.get(response["Location"]).content.decode()
    with scopes_disabled():
        certificate = Certificate.objects.get(establishment=cite_lycee, school_year=YEAR)
    for fact in (
        "Sujet",
        "Émetteur",
        "Numéro de série",
        "Valide jusqu",
        certificate.serial_number,
        certificate.fingerprint_sha256,
    ):
        assert fact in page
    assert "Certificat enregistré pour 0691235T" in page


@pytest.mark.parametrize(
    ("kind", "field_message"),
    [
        ("wrong_password", "La clé certificat est incorrecte"),
        ("wrong_uai", "pas de l&#x27;établissement 0691234S"),
        ("expired", "Ce certificat a expiré"),
        ("not_pkcs12", "pas un certificat PKCS#12"),
        ("too_large", "dépasse 64 Kio"),
    ],
)
def test_refused_upload_shows_a_french_message_and_stores_nothing(
    client_for, admin_user, cite_college, make_p12, kind, field_message
) -> None:
    p12 = make_p12(cite_college.uai, password="Secret-Ne-Pas-Renvoyer")
    data = upload(p12, cite_college.uai)
    if kind == "wrong_password":
        data["password"] = "Faux-Ne-Pas-Renvoyer"
    elif kind == "wrong_uai":
        data["certificate"] = SimpleUploadedFile("c.p12", make_p12("0691235T", password=p12.password).data)
    elif kind == "expired":
        data["certificate"] = SimpleUploadedFile(
            "c.p12", make_p12(cite_college.uai, starts=-90, ends=-1, password=p12.password).data
        )
    elif kind == "not_pkcs12":
        data["certificate"] = SimpleUploadedFile("c.p12", b"-----BEGIN CERTIFICATE-----\n")
    elif kind == "too_large":
        data["certificate"] = SimpleUploadedFile("c.p12", b"0" * (MAX_P12_BYTES + 10))
    response = client_for(admin_user).post(url("add", cite_college), data)
    page = response.content.decode()
    assert response.status_code == 200 and field_message in page
    assert "Secret-Ne-Pas-Renvoyer" not in page and "Faux-Ne-Pas-Renvoyer" not in page  # never re-rendered
    assert count() == 0


def test_replace_keeps_one_row_and_audits(client_for, admin_user, cite_college, make_p12) -> None:
    install(cite_college, make_p12(cite_college.uai))
    response = client_for(admin_user).post(
        url("replace", cite_college, cite_college), upload(make_p12(cite_college.uai), "ignored: the UAI is fixed")
    )
    assert response.status_code == 302 and count() == 1
    with scopes_disabled():
        kinds = AuditEvent.objects.filter(kind__startswith="certificate.").order_by("at").values_list("kind", flat=True)
        assert list(kinds) == ["certificate.added", "certificate.replaced"]


def test_delete_asks_for_confirmation_then_unlinks(client_for, admin_user, cite_college, make_p12) -> None:
    install(cite_college, make_p12(cite_college.uai))
    client = client_for(admin_user)
    confirm = client.get(url("delete", cite_college, cite_college))
    assert confirm.status_code == 200 and "Supprimer le certificat ?" in confirm.content.decode() and count() == 1
    response = client.post(url("delete", cite_college, cite_college))
    assert response.status_code == 302 and response["Location"] == url("manage", cite_college) and count() == 0
    page = client.get(response["Location"]).content.decode()
    assert "supprimé" in page and "Certificat supprimé" in page and "alice" in page


def test_copy_forward_from_the_page(client_for, admin_user, cite_college, make_p12) -> None:
    install(cite_college, make_p12(cite_college.uai), year=YEAR - 1)
    response = client_for(admin_user).post(url("copy_forward", cite_college, cite_college))
    assert response.status_code == 302
    with scopes_disabled():
        assert Certificate.objects.filter(establishment=cite_college, school_year=YEAR).exists()


def test_year_switch_shows_other_years(client_for, admin_user, cite_college, make_p12) -> None:
    install(cite_college, make_p12(cite_college.uai), year=YEAR - 1)
    client = client_for(admin_user)
    assert 'data-status="valid"' not in client.get(url("manage", cite_college)).content.decode()
    assert 'data-status="valid"' in client.get(url("manage", cite_college, year=YEAR - 1)).content.decode()
    assert client.get(url("manage", cite_college, year=1990)).status_code == 404


def test_concepteur_sees_statuses_read_only(client_for, concepteur_user, cite_college, make_p12) -> None:
    p12 = make_p12(cite_college.uai)
    install(cite_college, p12)
    client = client_for(concepteur_user)
    page = client.get(url("manage", cite_college)).content.decode()
    assert 'data-status="valid"' in page and ">Ajouter<" not in page and ">Supprimer<" not in page
    assert client.get(url("detail", cite_college, cite_college)).status_code == 200
    assert client.get(url("add", cite_college)).status_code == 403
    assert (
        client.post(url("add", cite_college), upload(make_p12(cite_college.uai), cite_college.uai)).status_code == 403
    )
    assert client.post(url("replace", cite_college, cite_college), upload(p12, cite_college.uai)).status_code == 403
    assert client.post(url("delete", cite_college, cite_college)).status_code == 403
    assert client.post(url("copy_forward", cite_college, cite_college)).status_code == 403
    assert count() == 1


def test_rows_and_targets_stay_inside_the_member_establishments(
    client_for, cite_staff_user, cite_college, cite_lp, other_college, make_p12
) -> None:
    client = client_for(cite_staff_user)  # limited to the collège and the lycée
    page = client.get(url("manage", cite_college)).content.decode()
    assert cite_lp.uai not in page and other_college.uai not in page
    assert client.get(url("detail", cite_college, cite_lp)).status_code == 404
    assert client.post(url("add", cite_college), upload(make_p12(cite_lp.uai), cite_lp.uai)).status_code == 200
    assert client.post(url("delete", cite_college, other_college)).status_code == 404
    assert count() == 0


def test_expiry_banner_for_administrateurs_only(
    client_for, admin_user, concepteur_user, cite_college, make_p12
) -> None:
    install(cite_college, make_p12(cite_college.uai, ends=6))
    home = reverse("certificates:manage", kwargs={"uai": cite_college.uai})
    assert "expire dans 6 jours : remplacez-le" in client_for(admin_user).get(home).content.decode()
    assert "remplacez-le" not in client_for(concepteur_user).get(home).content.decode()


def test_upload_never_goes_to_a_temporary_file(client_for, admin_user, cite_college, make_p12, monkeypatch) -> None:
    import django.core.files.uploadedfile as uploaded

    def refuse(*args, **kwargs):
        raise AssertionError("a temporary upload file was created")

    monkeypatch.setattr(uploaded.TemporaryUploadedFile, "__init__", refuse)
    big = {"uai": cite_college.uai, "password": "x", "certificate": SimpleUploadedFile("big.p12", b"0" * 3_000_000)}
    response = client_for(admin_user).post(url("add", cite_college), big)
    assert response.status_code == 200 and "dépasse 64 Kio" in response.content.decode()


def test_it_refuses_an_absurd_key_derivation_cost_with_a_message_at_once(
    client_for, admin_user, cite_college, make_p12
) -> None:
    p12 = make_p12(cite_college.uai)
    data = upload(p12, cite_college.uai)
    data["certificate"] = SimpleUploadedFile("c.p12", with_mac_iterations(p12.data, 200_000_000))
    started = time.monotonic()
    response = client_for(admin_user).post(url("add", cite_college), data)
    assert time.monotonic() - started < 2.0
    assert response.status_code == 200 and "refusé par sécurité" in response.content.decode()
    assert count() == 0
