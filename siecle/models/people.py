"""Students, guardians (persons of BEE_RESPONSABLES), their links, memberships and options."""

from __future__ import annotations

from django.db import models

from siecle.models.addresses import Address
from siecle.models.base import YearScopedModel, unique_per_year
from siecle.models.structures import Division, Group

SEX_LABELS = {"1": "Masculin", "2": "Féminin"}


def address_field(related_name: str) -> models.ForeignKey:
    """SET_NULL: losing an address must never block nor cascade to the people who lived there (see Address)."""
    return models.ForeignKey(
        Address, on_delete=models.SET_NULL, null=True, blank=True, related_name=related_name, verbose_name="adresse"
    )


class Student(YearScopedModel):
    eleve_id = models.CharField("ELEVE_ID", max_length=20)
    elenoet = models.CharField("ELENOET", max_length=20, blank=True, default="")
    ine = models.CharField("INE", max_length=20, blank=True, default="")
    last_name = models.CharField("nom", max_length=100, blank=True, default="")
    usage_name = models.CharField("nom d'usage", max_length=100, blank=True, default="")
    first_name = models.CharField("prénom", max_length=100, blank=True, default="")
    first_name2 = models.CharField("prénom 2", max_length=100, blank=True, default="")
    first_name3 = models.CharField("prénom 3", max_length=100, blank=True, default="")
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    birth_country_code = models.CharField(max_length=3, blank=True, default="")
    birth_department_code = models.CharField(max_length=3, blank=True, default="")
    birth_insee_code = models.CharField(max_length=5, blank=True, default="")
    birth_city = models.CharField("ville de naissance", max_length=100, blank=True, default="")
    sex_code = models.CharField("sexe", max_length=1, blank=True, default="")
    mef_code = models.CharField("MEF", max_length=11, blank=True, default="")
    regime_code = models.CharField("régime", max_length=4, blank=True, default="")
    status_code = models.CharField("statut", max_length=4, blank=True, default="")
    entry_date = models.DateField("date d'entrée", null=True, blank=True)
    exit_date = models.DateField("date de sortie", null=True, blank=True)
    exit_reason_code = models.CharField("motif de sortie", max_length=4, blank=True, default="")
    email = models.CharField("courriel", max_length=200, blank=True, default="")
    mobile_phone = models.CharField(max_length=40, blank=True, default="")
    home_phone = models.CharField(max_length=40, blank=True, default="")
    work_phone = models.CharField(max_length=40, blank=True, default="")
    address = address_field("students")
    is_active = models.BooleanField("présent", default=True)
    # True when the pupil was marked left because a full import no longer listed them.
    missing_from_import = models.BooleanField("absent du dernier import", default=False)

    class Meta:
        constraints = [unique_per_year("student", "eleve_id")]
        indexes = [models.Index(fields=["establishment", "school_year", "last_name", "first_name"])]
        ordering = ["last_name", "first_name", "eleve_id"]
        verbose_name = "élève"

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        parts = [self.usage_name or self.last_name, self.first_name]
        return " ".join(part for part in parts if part) or f"élève {self.eleve_id}"

    @property
    def sex_label(self) -> str:
        return SEX_LABELS.get(self.sex_code, "")


class Guardian(YearScopedModel):
    person_id = models.CharField("PERSONNE_ID", max_length=20)
    civility = models.CharField("civilité", max_length=10, blank=True, default="")
    last_name = models.CharField("nom", max_length=100, blank=True, default="")
    usage_name = models.CharField("nom d'usage", max_length=100, blank=True, default="")
    first_name = models.CharField("prénom", max_length=100, blank=True, default="")
    home_phone = models.CharField(max_length=40, blank=True, default="")
    mobile_phone = models.CharField(max_length=40, blank=True, default="")
    work_phone = models.CharField(max_length=40, blank=True, default="")
    email = models.CharField("courriel", max_length=200, blank=True, default="")
    profession_code = models.CharField("profession (PCS)", max_length=4, blank=True, default="")
    address = address_field("guardians")

    class Meta:
        constraints = [unique_per_year("guardian", "person_id")]
        ordering = ["last_name", "first_name"]
        verbose_name = "responsable"

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        parts = [self.civility, self.usage_name or self.last_name, self.first_name]
        return " ".join(part for part in parts if part) or f"personne {self.person_id}"


class GuardianLink(YearScopedModel):
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="guardian_links")
    guardian = models.ForeignKey(Guardian, on_delete=models.CASCADE, related_name="student_links")
    legal_level = models.PositiveSmallIntegerField("niveau de responsabilité", null=True, blank=True)
    legal_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    relationship_code = models.CharField("lien de parenté", max_length=4, blank=True, default="")
    pays_fees = models.BooleanField(null=True, blank=True)
    contact_priority = models.BooleanField(null=True, blank=True)
    receives_aid = models.BooleanField(null=True, blank=True)
    houses_student = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["student", "guardian"], name="siecle_guardianlink_unique")]
        ordering = ["legal_level", "legal_rank"]
        verbose_name = "lien élève-responsable"


class StudentDivision(YearScopedModel):
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="division_memberships")
    division = models.ForeignKey(Division, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["student", "division"], name="siecle_studentdivision_unique")]
        verbose_name = "appartenance à une division"


class StudentGroup(YearScopedModel):
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="group_memberships")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["student", "group"], name="siecle_studentgroup_unique")]
        verbose_name = "appartenance à un groupe"


class StudentOption(YearScopedModel):
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="options")
    rank = models.PositiveSmallIntegerField("rang", null=True, blank=True)
    modality_code = models.CharField("modalité", max_length=2, blank=True, default="")
    subject_code = models.CharField("matière", max_length=6)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["student", "subject_code", "modality_code"], name="siecle_studentoption_unique"
            )
        ]
        ordering = ["rank"]
        verbose_name = "option d'élève"
