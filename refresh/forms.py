"""« Mise à jour automatique »: the same options as « Importer des données », plus when and what then."""

from __future__ import annotations

from django import forms

from refresh.models import ANY_HOUR, Frequency, Policy, RefreshSchedule, Weekday

HOURS = [(ANY_HOUR, "Dans la nuit (heure répartie automatiquement)")] + [
    (hour, f"Entre {hour} h et {hour + 1} h") for hour in range(0, 6)
]


class ScheduleForm(forms.ModelForm):
    frequency = forms.ChoiceField(label="Mise à jour automatique", choices=Frequency.choices, widget=forms.RadioSelect)
    weekday = forms.TypedChoiceField(label="Jour (chaque semaine)", choices=Weekday.choices, coerce=int)
    hour = forms.TypedChoiceField(label="Heure de la nuit", choices=HOURS, coerce=int)
    with_nomenclatures = forms.BooleanField(
        label="Avec nomenclatures",
        required=False,
        help_text="Importe les nomenclatures en même temps que les élèves, et ainsi les options des élèves.",
    )
    keep_existing = forms.BooleanField(
        label="Conserver les élèves déjà présents",
        required=False,
        help_text="Sinon, les élèves absents des fichiers sont marqués sortis (jamais supprimés).",
    )
    groups = forms.BooleanField(label="Importer la répartition des élèves dans les groupes", required=False)
    policy = forms.ChoiceField(
        label="Quand des changements sont trouvés", choices=Policy.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = RefreshSchedule
        fields = ["frequency", "weekday", "hour", "with_nomenclatures", "keep_existing", "groups", "policy"]

    @property
    def option_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("with_nomenclatures", "keep_existing", "groups")]
