"""SIECLE tables, per establishment and school year."""

from __future__ import annotations

from siecle.models.addresses import Address
from siecle.models.nomenclature import CodeLabel, Mef, Programme, Subject
from siecle.models.people import Guardian, GuardianLink, Student, StudentDivision, StudentGroup, StudentOption
from siecle.models.runs import ImportRun, StudentChange
from siecle.models.structures import Division, Group, GroupDivision

__all__ = [
    "Address", "CodeLabel", "Division", "Group", "GroupDivision", "Guardian", "GuardianLink", "ImportRun", "Mef",
    "Programme", "Student", "StudentChange", "StudentDivision", "StudentGroup", "StudentOption", "Subject",
]
