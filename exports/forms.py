"""The wizard's steps as small forms; each step's values travel in the URL (GET) until « Générer le fichier »."""

from __future__ import annotations

from typing import Any

from django import forms

from exports.models import Delivery
from exports.targets import Target


class TargetForm(forms.Form):
    export = forms.ChoiceField(label="Export", choices=Target.choices, widget=forms.RadioSelect)


class DeliveryForm(TargetForm):
    envoi = forms.ChoiceField(label="Envoi", choices=Delivery.choices, widget=forms.RadioSelect)
    avertissements = forms.BooleanField(label="J'accepte ces avertissements", required=False)

    def __init__(self, *args: Any, netsynchro_ready: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.netsynchro_ready = netsynchro_ready

    def clean_envoi(self) -> str:
        delivery = self.cleaned_data["envoi"]
        if delivery == Delivery.NETSYNCHRO and not self.netsynchro_ready:
            raise forms.ValidationError(
                "Aucun certificat NetSynchro valide pour cet établissement : installez-le dans « Gestion des "
                "certificats » ou choisissez « Télécharger le fichier »."
            )
        return delivery
