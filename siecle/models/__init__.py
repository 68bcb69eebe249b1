"""SIECLE tables, per establishment and school year."""

from __future__ import annotations

from siecle.models.addresses import Address
from siecle.models.nomenclature import CodeLabel, Mef, Programme, Subject
from siecle.models.people import Guardian, GuardianLink, Student, StudentDivision, StudentGroup, StudentOption
from siecle.models.runs import ImportRun, StudentChange
from siecle.models.structures import Division, Group, GroupDivision

# The tables an import writes, parents before children: the importer writes in this order, and the
# re-import shortcut fingerprints exactly these.
IMPORTED_MODELS = (
    Mef,
    Subject,
    Programme,
    CodeLabel,
    Division,
    Group,
    GroupDivision,
    Address,
    Student,
    Guardian,
    GuardianLink,
    StudentDivision,
    StudentGroup,
    StudentOption,
)

__all__ = [
    "IMPORTED_MODELS",
    "Address",
    "CodeLabel",
    "Division",
    "Group",
    "GroupDivision",
    "Guardian",
    "GuardianLink",
    "ImportRun",
    "Mef",
    "Programme",
    "Student",
    "StudentChange",
    "StudentDivision",
    "StudentGroup",
    "StudentOption",
    "Subject",
]
