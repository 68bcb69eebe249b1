"""Course forms: every choice is limited to the establishment's rows of the school year.

Plain forms rather than ModelForms: a ModelForm builds its choice fields from the models' default managers
when the module loads, and those managers are tenant-scoped (django-scopes refuses a query outside a scope).
"""

from __future__ import annotations

from typing import Any

from django import forms

from establishments.models import Establishment
from timetables import selectors
from timetables.models import Course
from timetables.models.base import WEEKDAYS
from timetables.models.courses import DEFAULT_MODALITY

TIME_WIDGET = forms.TimeInput(format="%H:%M", attrs={"type": "time", "step": 300})


class CourseForm(forms.Form):
    subject: forms.ModelChoiceField = forms.ModelChoiceField(label="Matière", queryset=None)
    teachers: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(label="Enseignants", queryset=None)
    divisions: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label="Divisions", queryset=None, required=False
    )
    groups: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label="Groupes", queryset=None, required=False
    )
    room: forms.ModelChoiceField = forms.ModelChoiceField(label="Salle", queryset=None, required=False)
    weekday = forms.TypedChoiceField(label="Jour", choices=WEEKDAYS, coerce=int)
    starts_at = forms.TimeField(label="Début", widget=TIME_WIDGET)
    duration_minutes = forms.IntegerField(label="Durée (minutes)", min_value=5, max_value=600, initial=60)
    week_pattern: forms.ModelChoiceField = forms.ModelChoiceField(label="Semaines", queryset=None)
    modality_code = forms.CharField(label="Modalité de cours", max_length=20, initial=DEFAULT_MODALITY)

    def __init__(
        self, *args: Any, establishment: Establishment, school_year: int, instance: Course | None = None, **kwargs: Any
    ):
        if instance is not None:
            kwargs["initial"] = _initial(instance)
        super().__init__(*args, **kwargs)
        scope: dict[str, Any] = {"establishment": establishment, "school_year": school_year}
        self.fields["subject"].queryset = selectors.subjects(**scope)  # type: ignore[attr-defined]
        self.fields["teachers"].queryset = selectors.teachers(**scope)  # type: ignore[attr-defined]
        self.fields["divisions"].queryset = selectors.divisions(**scope)  # type: ignore[attr-defined]
        self.fields["groups"].queryset = selectors.groups(**scope)  # type: ignore[attr-defined]
        self.fields["room"].queryset = selectors.rooms(**scope)  # type: ignore[attr-defined]
        self.fields["week_pattern"].queryset = selectors.week_patterns(**scope)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("divisions") and not data.get("groups"):
            raise forms.ValidationError("Choisissez au moins une division ou un groupe.")
        return data


def _initial(course: Course) -> dict[str, Any]:
    return {
        "subject": course.subject_id,
        "teachers": list(course.teachers.all()),
        "divisions": list(course.divisions.all()),
        "groups": list(course.groups.all()),
        "room": course.room_id,
        "weekday": course.weekday,
        "starts_at": course.starts_at,
        "duration_minutes": course.duration_minutes,
        "week_pattern": course.week_pattern_id,
        "modality_code": course.modality_code,
    }


class CourseMoveForm(forms.Form):
    weekday = forms.TypedChoiceField(label="Jour", choices=WEEKDAYS, coerce=int)
    starts_at = forms.TimeField(label="Début", widget=TIME_WIDGET)


class CalendarForm(forms.Form):
    zone = forms.ChoiceField(label="Zone de vacances", choices=(("A", "zone A"), ("B", "zone B"), ("C", "zone C")))
    first_day = forms.DateField(label="Premier jour de cours", widget=forms.DateInput(attrs={"type": "date"}))
    last_day = forms.DateField(label="Dernier jour de cours", widget=forms.DateInput(attrs={"type": "date"}))
    refill_holidays = forms.BooleanField(label="Reprendre les vacances officielles de la zone", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("first_day") and data.get("last_day") and data["first_day"] >= data["last_day"]:
            raise forms.ValidationError("Le premier jour doit précéder le dernier jour.")
        return data


class HolidayForm(forms.Form):
    label = forms.CharField(label="Libellé", max_length=100)
    first_day = forms.DateField(label="Du", widget=forms.DateInput(attrs={"type": "date"}))
    last_day = forms.DateField(label="Au", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("first_day") and data.get("last_day") and data["first_day"] > data["last_day"]:
            raise forms.ValidationError("La fin des vacances précède leur début.")
        return data


OPEN_DAYS = WEEKDAYS[:6]  # Monday to Saturday


class OpeningHoursForm(forms.Form):
    """Two times per day; a day left empty is closed."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for number, name in OPEN_DAYS:
            self.fields[f"opens_{number}"] = forms.TimeField(
                label=f"{name} : début", required=False, widget=TIME_WIDGET
            )
            self.fields[f"closes_{number}"] = forms.TimeField(label=f"{name} : fin", required=False, widget=TIME_WIDGET)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for number, name in OPEN_DAYS:
            opens, closes = data.get(f"opens_{number}"), data.get(f"closes_{number}")
            if (opens is None) != (closes is None) or (opens and closes and opens >= closes):
                self.add_error(
                    f"closes_{number}", f"{name.capitalize()} : indiquez un début avant la fin, ou aucun des deux."
                )
        return data

    def days(self) -> dict[int, tuple]:
        data = self.cleaned_data
        return {
            number: (data[f"opens_{number}"], data[f"closes_{number}"])
            for number, _name in OPEN_DAYS
            if data.get(f"opens_{number}")
        }


class RoomForm(forms.Form):
    code = forms.CharField(label="Code", max_length=20)
    label = forms.CharField(label="Libellé", max_length=100, required=False)
    capacity = forms.IntegerField(label="Capacité", min_value=1, max_value=2000, required=False)
