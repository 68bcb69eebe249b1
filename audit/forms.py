"""The journal's filters: establishment, kind, dates."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from audit.kinds import AuditKind
from audit.selectors import JournalFilter
from establishments.models import Establishment


class JournalFilterForm(forms.Form):
    etablissement = forms.ChoiceField(label="Établissement", required=False)
    type = forms.ChoiceField(label="Type", required=False, choices=[("", "Tous")] + list(AuditKind.choices))
    du = forms.DateField(label="Du", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    au = forms.DateField(label="Au", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, establishments: list[Establishment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._establishments = {e.uai: e for e in establishments}
        cast(forms.ChoiceField, self.fields["etablissement"]).choices = [("", "Tous")] + [
            (e.uai, f"{e.uai} — {e.name}") for e in establishments
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("du") and cleaned.get("au") and cleaned["du"] > cleaned["au"]:
            raise forms.ValidationError("La date de début est après la date de fin.")
        return cleaned

    def journal_filter(self) -> JournalFilter:
        if not self.is_valid():
            return JournalFilter()
        data = self.cleaned_data
        establishment = self._establishments.get(data["etablissement"])
        return JournalFilter(establishment=establishment, kind=data["type"], start=data["du"], end=data["au"])
