"""Forms of the members' pages and of « Mon compte »."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator

from accounts.grants import Grant
from establishments.models import Establishment, Membership


class GrantForm(forms.Form):
    administrateur = forms.BooleanField(
        label="Administrateur",
        required=False,
        help_text="Gère les utilisateurs, les certificats et les imports.",
    )
    concepteur = forms.BooleanField(
        label="Concepteur", required=False, help_text="Prépare et envoie les emplois du temps."
    )
    etablissements = forms.MultipleChoiceField(
        label="Établissements", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, establishments: list[Establishment], limited: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._establishments = {e.uai: e for e in establishments}
        cast(forms.MultipleChoiceField, self.fields["etablissements"]).choices = [
            (e.uai, f"{e.name} ({e.uai})") for e in establishments
        ]
        self.fields["etablissements"].help_text = (
            "Cochez au moins un établissement."
            if limited
            else "Aucune case cochée : tous les établissements de l'organisation, y compris ceux ajoutés plus tard."
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not (cleaned.get("administrateur") or cleaned.get("concepteur")):
            raise forms.ValidationError("Choisissez au moins un rôle : administrateur ou concepteur.")
        return cleaned

    def grant(self) -> Grant:
        data = self.cleaned_data
        chosen = tuple(self._establishments[uai] for uai in data["etablissements"])
        return Grant(is_administrateur=data["administrateur"], is_concepteur=data["concepteur"], establishments=chosen)

    @staticmethod
    def initial_for(membership: Membership) -> dict[str, Any]:
        return {
            "administrateur": membership.is_administrateur,
            "concepteur": membership.is_concepteur,
            "etablissements": [e.uai for e in membership.establishments.all()],
        }


class InviteForm(GrantForm):
    email = forms.EmailField(label="Adresse e-mail", max_length=254)
    field_order = ["email", "administrateur", "concepteur", "etablissements"]


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(
        label="Identifiant",
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text="Lettres, chiffres et @ . + - _ ; vous le taperez pour vous connecter.",
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label="Mot de passe", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label="Mot de passe (confirmation)",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("password1") != cleaned.get("password2"):
            raise forms.ValidationError("Les deux mots de passe ne sont pas identiques.")
        return cleaned


class TotpTokenForm(forms.Form):
    token = forms.CharField(
        label="Code à 6 chiffres",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class OrganisationSecurityForm(forms.Form):
    administrateurs_totp_required = forms.BooleanField(
        label="Double authentification obligatoire pour les administrateurs", required=False
    )
