"""Tenancy: organisations (the customers), their establishments (UAI) and who may work where."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from establishments.uai import uai_error


def validate_uai(value: str) -> None:
    message = uai_error(value)
    if message:
        raise ValidationError(message, code="invalid_uai")


class Organisation(models.Model):
    """A customer: one school, or a cité scolaire grouping several establishments."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    administrateurs_totp_required = models.BooleanField(
        _("double authentification obligatoire pour les administrateurs"), default=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class EstablishmentKind(models.TextChoices):
    COLLEGE = "college", _("Collège")
    LYCEE = "lycee", _("Lycée")
    LP = "lp", _("Lycée professionnel")
    LYCEE_POLYVALENT = "lycee_polyvalent", _("Lycée polyvalent")
    EREA = "erea", _("EREA")
    OTHER = "autre", _("Autre")


class Establishment(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="establishments", verbose_name=_("organisation")
    )
    uai = models.CharField("UAI", max_length=8, unique=True, validators=[validate_uai])
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(
        _("type"), max_length=20, choices=EstablishmentKind.choices, default=EstablishmentKind.COLLEGE
    )

    class Meta:
        ordering = ["name", "uai"]
        verbose_name = _("établissement")
        verbose_name_plural = _("établissements")

    def __str__(self) -> str:
        return f"{self.name} ({self.uai})"

    @property
    def kind_label(self) -> str:
        return self.get_kind_display().lower()


class Role(models.TextChoices):
    ADMINISTRATEUR = "administrateur", _("administrateur")
    CONCEPTEUR = "concepteur", _("concepteur")


class Membership(models.Model):
    """A user's roles in one organisation, optionally limited to some of its establishments."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    is_administrateur = models.BooleanField(_("administrateur"), default=False)
    is_concepteur = models.BooleanField(_("concepteur"), default=False)
    establishments = models.ManyToManyField(
        Establishment,
        blank=True,
        related_name="limited_memberships",
        verbose_name=_("limité aux établissements"),
        help_text=_("Vide : tous les établissements de l'organisation."),
    )
    # Deactivated, never deleted: the journal keeps the name, and reactivation restores the access.
    is_active = models.BooleanField(_("actif"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_organisation")]
        verbose_name = _("appartenance")
        verbose_name_plural = _("appartenances")

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({', '.join(self.roles) or 'aucun rôle'})"

    @property
    def roles(self) -> list[str]:
        return [
            role
            for role, held in ((Role.ADMINISTRATEUR, self.is_administrateur), (Role.CONCEPTEUR, self.is_concepteur))
            if held
        ]

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    def clean(self) -> None:
        if not (self.is_administrateur or self.is_concepteur):
            raise ValidationError(_("Un membre doit avoir au moins un rôle : administrateur ou concepteur."))
