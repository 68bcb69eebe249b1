"""The certificate form, worded like the vendor guides: « Certificat », « Clé certificat », « Enregistrer »."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from certificates.pkcs12 import MAX_P12_BYTES
from establishments.models import Establishment


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
        self, *args: Any, establishments: list[Establishment], fixed: Establishment | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [fixed] if fixed else establishments
        cast(forms.ChoiceField, self.fields["uai"]).choices = [(e.uai, f"{e.uai} — {e.name}") for e in choices]
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

    @property
    def establishment(self) -> Establishment:
        return self._establishments[self.cleaned_data["uai"]]
