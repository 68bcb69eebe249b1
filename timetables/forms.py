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
    subject = forms.ModelChoiceField(label="Matière", queryset=None)
    teachers = forms.ModelMultipleChoiceField(label="Enseignants", queryset=None)
    divisions = forms.ModelMultipleChoiceField(label="Divisions", queryset=None, required=False)
    groups = forms.ModelMultipleChoiceField(label="Groupes", queryset=None, required=False)
    room = forms.ModelChoiceField(label="Salle", queryset=None, required=False)
    weekday = forms.TypedChoiceField(label="Jour", choices=WEEKDAYS, coerce=int)
    starts_at = forms.TimeField(label="Début", widget=TIME_WIDGET)
    duration_minutes = forms.IntegerField(label="Durée (minutes)", min_value=5, max_value=600, initial=60)
    week_pattern = forms.ModelChoiceField(label="Semaines", queryset=None)
    modality_code = forms.CharField(label="Modalité de cours", max_length=20, initial=DEFAULT_MODALITY)

    def __init__(
        self, *args: Any, establishment: Establishment, school_year: int, instance: Course | None = None, **kwargs: Any
    ):
        if instance is not None:
            kwargs["initial"] = _initial(instance)
        super().__init__(*args, **kwargs)
        scope = {"establishment": establishment, "school_year": school_year}
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
