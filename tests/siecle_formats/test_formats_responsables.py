from __future__ import annotations

from siecle.formats import ExportKind, read_export
from siecle.formats.generator import export_xml_bytes

NEW_LINK = (
    "<RESPONSABLE_ELEVE><ELEVE_ID>1000001</ELEVE_ID><PERSONNE_ID>{person}</PERSONNE_ID>"
    "<NIVEAU_RESPONSABILITE>1</NIVEAU_RESPONSABILITE><CODE_PARENTE>{parente}</CODE_PARENTE>"
    "<PAIE_FRAIS_SCOLAIRES>{paie}</PAIE_FRAIS_SCOLAIRES><PERCOIT_LES_AIDES>true</PERCOIT_LES_AIDES>"
    "<HEBERGE_ELEVE>false</HEBERGE_ELEVE><A_CONTACTER_EN_PRIORITE>true</A_CONTACTER_EN_PRIORITE>"
    "</RESPONSABLE_ELEVE>"
)
OLD_LINK = (
    "<RESPONSABLE_ELEVE><ELEVE_ID>1000001</ELEVE_ID><PERSONNE_ID>{person}</PERSONNE_ID>"
    "<RESP_LEGAL>{legal}</RESP_LEGAL><CODE_PARENTE>{parente}</CODE_PARENTE><RESP_FINANCIER>1</RESP_FINANCIER>"
    "<PERS_PAIEMENT>0</PERS_PAIEMENT><PERS_CONTACT>1</PERS_CONTACT></RESPONSABLE_ELEVE>"
)
PERSONS = (
    '<PERSONNES><PERSONNE PERSONNE_ID="2000001"><LC_CIVILITE>MME</LC_CIVILITE><NOM_DE_FAMILLE>CŒUR</NOM_DE_FAMILLE>'
    "<PRENOM>Hélène</PRENOM><ADRESSE_ID>3000001</ADRESSE_ID><ACCEPTE_SMS>1</ACCEPTE_SMS></PERSONNE>"
    '<PERSONNE PERSONNE_ID="2000002"><NOM_DE_FAMILLE>CŒUR</NOM_DE_FAMILLE><PRENOM>Loïc</PRENOM>'
    "<ADRESSE_ID>3000001</ADRESSE_ID></PERSONNE></PERSONNES>"
)
ADDRESSES = (
    '<ADRESSES><ADRESSE ADRESSE_ID="3000001"><LIGNE2_ADRESSE>1 RUE DES ÉCOLES</LIGNE2_ADRESSE>'
    "<CODE_POSTAL>31000</CODE_POSTAL><LIBELLE_POSTAL>TOULOUSE</LIBELLE_POSTAL></ADRESSE></ADRESSES>"
)


def _file(bee, links: str, version: str) -> bytes:
    return bee("BEE_RESPONSABLES", f"{PERSONS}<RESPONSABLES>{links}</RESPONSABLES>{ADDRESSES}", version=version)


def test_it_reads_new_format_links_with_both_parents_legal_without_issue(bee):
    links = NEW_LINK.format(person="2000001", parente="10", paie="1") + NEW_LINK.format(
        person="2000002", parente="20", paie="0"
    )
    parsed = read_export(_file(bee, links, "2.1"))
    mother, father = parsed.links
    assert parsed.kind is ExportKind.RESPONSABLES
    assert (mother.legal_level, mother.legal_rank, mother.relationship_code) == (1, None, "10")
    assert (mother.pays_fees, mother.receives_aid, mother.houses_student, mother.contact_priority) == (
        True,
        True,
        False,
        True,
    )
    assert father.legal_level == 1 and father.pays_fees is False and not father.old_format
    assert parsed.report.errors == [] and parsed.report.warnings == []


def test_it_maps_old_format_resp_legal_and_parente_codes(bee):
    links = OLD_LINK.format(person="2000001", legal="1", parente="2") + OLD_LINK.format(
        person="2000002", legal="0", parente="4"
    )
    mother, other = read_export(_file(bee, links, "1.10")).links
    assert (mother.legal_level, mother.legal_rank, mother.relationship_code) == (1, 1, "10")
    assert (mother.raw_legal_code, mother.raw_relationship_code, mother.old_format) == ("1", "2", True)
    assert (mother.pays_fees, mother.payment_person, mother.contact_priority) == (True, False, True)
    assert (other.legal_level, other.legal_rank, other.relationship_code) == (3, None, "39")


def test_it_warns_when_two_persons_are_resp_legal_1_for_one_pupil(bee):
    links = OLD_LINK.format(person="2000001", legal="1", parente="2") + OLD_LINK.format(
        person="2000002", legal="1", parente="1"
    )
    parsed = read_export(_file(bee, links, "1.10"))
    assert len(parsed.links) == 2
    warning = parsed.report.warnings[0]
    assert (warning.code, warning.eleve_id) == ("DUPLICATE_LEGAL_GUARDIAN", "1000001")


def test_it_reads_persons_sharing_one_address(bee):
    parsed = read_export(_file(bee, "", "2.1"))
    mother = parsed.persons["2000001"]
    assert (mother.civility, mother.last_name, mother.first_name, mother.accepts_sms) == ("MME", "CŒUR", "Hélène", True)
    assert {p.address_id for p in parsed.persons.values()} == {"3000001"}
    assert parsed.addresses["3000001"].postal_label == "TOULOUSE"
    assert parsed.counts == {"persons": 2, "links": 0, "addresses": 1}


def test_it_skips_a_link_without_personne_id(bee):
    link = "<RESPONSABLE_ELEVE><ELEVE_ID>1000001</ELEVE_ID><NIVEAU_RESPONSABILITE>1</NIVEAU_RESPONSABILITE></RESPONSABLE_ELEVE>"
    parsed = read_export(_file(bee, link, "2.1"))
    assert parsed.links == []
    assert parsed.report.errors[0].code == "INCOMPLETE_LINK"


def test_it_reads_a_generated_old_format_file(old_school):
    parsed = read_export(export_xml_bytes(old_school, "ResponsablesAvecAdresses"))
    assert parsed.envelope.version == "1.10"
    assert all(link.old_format for link in parsed.links)
    assert {link.raw_legal_code for link in parsed.links} >= {"0", "1", "2"}


def test_it_reports_a_guardian_name_holding_a_question_mark(bee):
    persons = PERSONS.replace("<PRENOM>Loïc</PRENOM>", "<PRENOM>Lo?c</PRENOM>")
    parsed = read_export(bee("BEE_RESPONSABLES", persons + ADDRESSES, version="1.10"))
    issue = next(w for w in parsed.report.warnings if w.code == "LOST_CHARACTER")
    assert issue.person_id == "2000002" and "PRENOM « Lo?c »" in issue.message
