"""Timetable tables, per establishment and school year. Divisions, groups, subjects and MEFs are SIECLE's
(``siecle.models``): courses and services point at them, never at a copy."""

from __future__ import annotations

from timetables.models.calendar import Holiday, OpeningHours, SchoolCalendar, WeekPattern
from timetables.models.courses import Course, Service
from timetables.models.resources import Room, Teacher

__all__ = ["Course", "Holiday", "OpeningHours", "Room", "SchoolCalendar", "Service", "Teacher", "WeekPattern"]
