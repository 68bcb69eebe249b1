"""The e-mails of the refresh, in French, plain text and HTML, to the establishment's administrateurs:
one digest when something changed, one message when a problem first appears."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from establishments.models import Establishment
from establishments.school_years import school_year_label
from jobs.models import Job, JobStatus

LIST_LIMIT = 100  # longer lists are in the job's report
SECTIONS = (
    ("arrivals", "Arrivées"),
    ("departures", "Départs"),
    ("structure_changes", "Changements de division ou de groupe"),
    ("guardian_changes", "Coordonnées des responsables modifiées"),
    ("refused", "Fiches refusées"),
)


def administrateurs(establishment: Establishment) -> list[User]:
    """Active administrateurs who may open the establishment and have an e-mail address."""
    memberships = Q(memberships__organisation_id=establishment.organisation_id, memberships__is_administrateur=True)
    reach = Q(memberships__establishments=None) | Q(memberships__establishments=establishment)
    users = get_user_model().objects.filter(memberships & reach, is_active=True).exclude(email="")
    return list(users.distinct().order_by("pk"))


def _link(name: str, **kwargs: Any) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def _links(establishment: Establishment, job: Job | None) -> dict[str, str]:
    uai = establishment.uai
    links = {"schedule": _link("refresh:settings", uai=uai), "certificates": _link("certificates:manage", uai=uai)}
    if job is not None:
        links["job"] = _link("jobs:job", uai=uai, job_id=job.pk)
        links["report"] = _link("jobs:job_report", uai=uai, job_id=job.pk)
    return links


def _detail(key: str, row: dict[str, str]) -> str:
    if key == "structure_changes":
        return f"{row['kind']} : {row['before'] or '—'} → {row['after'] or '—'}"
    if key == "guardian_changes":
        return f"{row['guardian']} : {row['fields']}"
    return row.get("message", "") if key == "refused" else ""


def _sections(report: dict[str, Any]) -> list[dict[str, Any]]:
    sections = []
    for key, title in SECTIONS:
        rows = report.get(key) or []
        if rows:
            lines = [{"name": row["name"], "detail": _detail(key, row)} for row in rows[:LIST_LIMIT]]
            sections.append({"key": key, "title": title, "rows": lines, "count": len(rows),
                             "more": max(len(rows) - LIST_LIMIT, 0)})  # fmt: skip
    return sections


def _send(
    establishment: Establishment,
    school_year: int,
    job: Job | None,
    subject: str,
    template: str,
    context: dict[str, Any],
) -> int:
    recipients = administrateurs(establishment)
    context = {"establishment": establishment, "year_label": school_year_label(school_year),
               "links": _links(establishment, job), **context}  # fmt: skip
    text = render_to_string(f"refresh/{template}.txt", context)
    html = render_to_string(f"refresh/{template}.html", context)
    messages = []
    for user in recipients:
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
        message.attach_alternative(html, "text/html")
        messages.append(message)
    return (get_connection().send_messages(messages) or 0) if messages else 0


def changes_send(*, job: Job, report: dict[str, Any], hold_reason: str) -> int:
    """The digest of a refresh that found changes; returns how many e-mails were sent."""
    held = job.status == JobStatus.AWAITING_CONFIRMATION
    verb = "à valider" if held else "appliquée"
    subject = f"Mise à jour des élèves {verb} — {job.establishment.name} ({job.establishment.uai})"
    context = {"held": held, "hold_reason": hold_reason, "sections": _sections(report)}
    return _send(job.establishment, job.school_year, job, subject, "digest", context)


def problem_send(*, establishment: Establishment, school_year: int, job: Job | None, message: str) -> int:
    subject = f"Mise à jour automatique impossible — {establishment.name} ({establishment.uai})"
    return _send(establishment, school_year, job, subject, "problem", {"message": message})
