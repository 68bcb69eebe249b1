"""The certificate form, worded like the vendor guides: « Certificat », « Clé certificat », « Enregistrer »."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from certificates.pkcs12 import MAX_P12_BYTES
from establishments.models import Establishment

# Confirmations asked only after the warning that needs them (the file must be chosen again: it is never kept).
CONFIRMATIONS = {
    "confirm_replace": "Remplacer le certificat déjà installé",
    "confirm_issuer": "Enregistrer quand même ce certificat d'une autre autorité",
}
CONFIRMATION_FOR_ERROR = {"replace_unconfirmed": "confirm_replace", "foreign_issuer": "confirm_issuer"}


def _choice_label(establishment: Establishment, installed: bool) -> str:
    suffix = " (un certificat est déjà installé)" if installed else ""
    return f"{establishment.uai} — {establishment.name}{suffix}"


class CertificateForm(forms.Form):
    uai = forms.ChoiceField(label="Établissement (UAI)")
    certificate = forms.FileField(
        label="Certificat",
        help_text="Fichier .p12 ou .pfx délivré par Gestion Identité Numérique (64 Kio au plus).",
        widget=forms.FileInput(attrs={"accept": ".p12,.pfx,application/x-pkcs12"}),
    )
    # render_value=False: the password typed is never sent back to the browser, even after an error.
    password = forms.CharField(
        label="Clé certificat",
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Le mot de passe du certificat. Il sert à l'ouvrir une fois puis n'est jamais conservé.",
    )

    def __init__(
        self,
        *args: Any,
        establishments: list[Establishment],
        fixed: Establishment | None = None,
        installed: frozenset[int] = frozenset(),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [fixed] if fixed else establishments
        cast(forms.ChoiceField, self.fields["uai"]).choices = [
            (e.uai, _choice_label(e, e.pk in installed)) for e in choices
        ]
        for name in CONFIRMATIONS:
            if self.data.get(name):  # a confirmation given before stays on the page
                self.ask(name)
        if fixed:
            self.fields["uai"].initial = fixed.uai
            self.fields["uai"].widget.attrs["disabled"] = True
            self.fields["uai"].disabled = True
        self._establishments = {e.uai: e for e in choices}

    def clean_certificate(self) -> bytes:
        upload = self.cleaned_data["certificate"]
        if upload.size > MAX_P12_BYTES:
            raise forms.ValidationError(
                f"Le fichier dépasse {MAX_P12_BYTES // 1024} Kio : ce n'est pas un certificat NetSynchro.",
                code="too_large",
            )
        return upload.read()

    def ask(self, name: str) -> None:
        """Show the confirmation checkbox ``name`` (after a warning that needs it)."""
        if name not in self.fields:
            self.fields[name] = forms.BooleanField(label=CONFIRMATIONS[name], required=False)

    def confirmed(self, name: str) -> bool:
        return bool(self.cleaned_data.get(name))

    @property
    def establishment(self) -> Establishment:
        return self._establishments[self.cleaned_data["uai"]]
