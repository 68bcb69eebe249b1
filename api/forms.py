from __future__ import annotations

from django import forms

from api.services import MAX_EXPIRY_DAYS, MAX_NAME_LENGTH


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Nom du jeton", max_length=MAX_NAME_LENGTH, help_text="Par exemple « ENT » ou « script de rentrée »."
    )
    expires_days = forms.IntegerField(
        label="Expire dans (jours)",
        required=False,
        min_value=1,
        max_value=MAX_EXPIRY_DAYS,
        help_text="Laissez vide pour un jeton sans date d'expiration.",
    )
