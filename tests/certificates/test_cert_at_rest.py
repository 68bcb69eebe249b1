"""At rest: a dump of every table holds neither the password nor any fragment of the key."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.certificates.django_helpers import install

pytestmark = pytest.mark.django_db
PASSWORD = "Cle-Certificat-Tres-Secrete-2026"


def dump_every_table() -> tuple[str, bytes]:
    """All rows of all tables, as text (``repr``; binary columns also as hex) and raw binary bytes."""
    text, binary = [], []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, (bytes, memoryview)):
                        binary.append(bytes(value))
                        text.append(bytes(value).hex())
                    text.append(repr(value))
    return "\n".join(text), b"\n".join(binary)


def test_dump_holds_neither_password_nor_key(cite_college, cite_lycee, make_p12, client_for, admin_user) -> None:
    uploaded = make_p12(cite_college.uai, password=PASSWORD)
    install(cite_college, uploaded)
    response = client_for(admin_user).post(  # the page path too (sessions and messages tables included)
        f"/e/{cite_college.uai}/certificats/ajouter/",
        {
            "uai": cite_lycee.uai,
            "certificate": _file(make_p12(cite_lycee.uai, password=PASSWORD)),
            "password": PASSWORD,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    text, binary = dump_every_table()
    assert "CN=0691234S" in text and "CN=0691235T" in text  # the dump really covers the certificates table
    for secret in (PASSWORD, PASSWORD.encode().hex()):
        assert secret not in text
    assert not any(line in text for line in uploaded.pem_body_lines)
    assert uploaded.key_der not in binary and uploaded.key_pem not in binary
    assert uploaded.key_der.hex() not in text


def _file(p12):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("cert.p12", p12.data, content_type="application/x-pkcs12")
