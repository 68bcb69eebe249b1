"""Helpers for the NetSynchro tests: client TLS contexts from the test PKI's PKCS#12 files (in memory)."""

from __future__ import annotations

import ssl
from dataclasses import dataclass

from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, pkcs12

from certificates.tls import client_ssl_context
from netsynchro.client import ClientLimits, NetSynchroClient, RetryPolicy

UAI = "0691234S"
OTHER_UAI = "0691235T"
PKI_UAIS = (UAI, OTHER_UAI)
FAST_RETRY = RetryPolicy(attempts=3, backoff=0.01, backoff_max=0.05, retry_after_max=2.0)
DEFAULT_LIMITS = ClientLimits()


@dataclass(frozen=True)
class ClientKey:
    """A client PKCS#12 opened in memory: the PEMs the TLS context needs, and the key's clear forms."""

    chain_pem: bytes
    key_pem: bytes
    key_der: bytes

    @property
    def pem_body_lines(self) -> list[str]:
        return [line for line in self.key_pem.decode().splitlines() if line and not line.startswith("-----")]


def open_p12(entry: dict) -> ClientKey:
    with open(entry["file"], "rb") as handle:
        key, cert, cas = pkcs12.load_key_and_certificates(handle.read(), entry["password"].encode())
    assert key is not None and cert is not None, "a client .p12 holds a key and its certificate"
    chain = cert.public_bytes(Encoding.PEM) + b"".join(c.public_bytes(Encoding.PEM) for c in cas or [])
    return ClientKey(
        chain_pem=chain,
        key_pem=key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()),
        key_der=key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption()),
    )


def client_entry(pki: dict, uai: str = UAI) -> dict:
    return next(c for c in pki["clients"] if c["uai"] == uai)


def variant_entry(pki: dict, kind: str, uai: str = UAI) -> dict:
    return next(v for v in pki["variants"] if v["uai"] == uai and v["kind"] == kind)


def ssl_context_for(pki: dict, entry: dict) -> ssl.SSLContext:
    key = open_p12(entry)
    return client_ssl_context(chain_pem=key.chain_pem, key_pem=key.key_pem, cafile=pki["ca"])


def make_client(
    sandbox,
    pki: dict,
    entry: dict | None = None,
    *,
    uai: str = UAI,
    timeout: float = 5.0,
    retry: RetryPolicy = FAST_RETRY,
    limits: ClientLimits = DEFAULT_LIMITS,
    sleeps: list | None = None,
) -> NetSynchroClient:
    sleep = (lambda seconds: sleeps.append(seconds)) if sleeps is not None else (lambda seconds: None)
    return NetSynchroClient(
        base_url=sandbox.url,
        uai=uai,
        ssl_context=ssl_context_for(pki, entry or client_entry(pki, uai)),
        timeout=timeout,
        retry=retry,
        limits=limits,
        sleep=sleep,
    )


def import_eleves(uai: str, year: int, *, root: str = "IMPORT_ELEVES", eleve_id: str = "123456") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<{root} VERSION="1.3">
  <PARAMETRES><UAJ>{uai}</UAJ><ANNEE_SCOLAIRE>{year}</ANNEE_SCOLAIRE><DATE_IMPORT>15/10/{year}</DATE_IMPORT>
    <NUM_ENVOI>1</NUM_ENVOI><LOGICIEL>NETSYNC-PORTAL</LOGICIEL></PARAMETRES>
  <DONNEES><ELEVES>
    <ELEVE><ELEVE_ID>{eleve_id}</ELEVE_ID><NOM>MARTIN</NOM><PRENOM>LÉO</PRENOM><DATE_NAISS>2014-03-02</DATE_NAISS>
      <GROUPES><GROUPE><CODE_GROUPE>6 GR1</CODE_GROUPE><DATE_DEBUT_GROUPE>{year}-09-01</DATE_DEBUT_GROUPE>
        <DATE_FIN_GROUPE>{year + 1}-07-04</DATE_FIN_GROUPE></GROUPE></GROUPES></ELEVE>
  </ELEVES></DONNEES>
</{root}>
""".encode()


def edt_sts(uai: str, year: int) -> bytes:
    return f"""<?xml version="1.0" encoding="ISO-8859-15"?>
<EDT_STS>
  <PARAMETRES><UAJ>{uai}</UAJ><ANNEE_SCOLAIRE>{year}</ANNEE_SCOLAIRE><APPLICATION_SOURCE>NETSYNC</APPLICATION_SOURCE></PARAMETRES>
  <DONNEES>
    <ALTERNANCES><ALTERNANCE CODE="H"><LIBELLE_COURT>H</LIBELLE_COURT></ALTERNANCE></ALTERNANCES>
    <INDIVIDUS><INDIVIDU ID="1111"/></INDIVIDUS>
    <STRUCTURE>
      <DIVISIONS><DIVISION CODE="6 A"><SERVICES><SERVICE CODE_MATIERE="020100" CODE_MOD_COURS="CG"/></SERVICES></DIVISION></DIVISIONS>
      <GROUPES/>
    </STRUCTURE>
  </DONNEES>
</EDT_STS>
""".encode("iso-8859-15")
