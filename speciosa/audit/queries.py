"""Reading the audit log: a patient's own entries, and the whole log for administrators."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from speciosa.accounts.models import User
from speciosa.audit.models import AuditEntry
from speciosa.lib.spreadsheet import csv_bytes

CSV_COLUMNS = ("at", "actor", "action", "what", "patient_ref", "ip", "user_agent")


def entries_about(patient: User) -> QuerySet[AuditEntry]:
    """Who other than the patient read or changed their data, newest first."""
    return AuditEntry.objects.filter(patient=patient).order_by("-at", "-id")


def all_entries(*, action: str = "", actor: str = "", patient_ref: str = "") -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.order_by("-at", "-id")
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor_label__icontains=actor)
    if patient_ref:
        entries = entries.filter(patient_ref=patient_ref)
    return entries


def as_csv(entries: Iterable[AuditEntry]) -> bytes:
    """CSV a spreadsheet opens safely (the diary export's writer: formulas are kept as text)."""
    return csv_bytes(CSV_COLUMNS, as_rows(entries))


def as_rows(entries: Iterable[AuditEntry]) -> list[dict[str, object]]:
    return [{"at": entry.at.isoformat(), "actor": entry.actor_label, "action": entry.action, "what": entry.what,
             "patient_ref": entry.patient_ref, "ip": entry.ip, "user_agent": entry.user_agent} for entry in entries]
