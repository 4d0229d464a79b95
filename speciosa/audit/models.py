from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models

from speciosa.audit.enums import Action


class AppendOnlyError(RuntimeError):
    """An attempt to change or remove an audit entry through the ORM."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    """No bulk update or delete: entries are only ever added (retention purges run raw SQL, see domain)."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit entries are append-only")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit entries are append-only")


class AuditEntry(models.Model):
    """One read or change of a patient's data by someone other than that patient.

    Append-only: ``save`` refuses an existing row, ``delete`` refuses always, and database triggers (migration 0003)
    refuse every UPDATE and DELETE but two, each only with an ``AuditPermit`` row of the same transaction: the
    deletion of an account nulls its links (the labels and ``patient_ref`` stay), and the retention purge removes
    entries older than its cutoff. ``patient_ref`` is a pseudonym that outlives the patient's account, so the log keeps its
    shape after an erasure without naming anyone.
    """

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_label = models.CharField(max_length=200)
    patient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    patient_ref = models.CharField(max_length=40, db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    what = models.CharField(max_length=200)
    at = models.DateTimeField(db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["patient", "-at"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.actor_label} {self.action} {self.what} of {self.patient_ref} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit entries are append-only")


class AuditPermit(models.Model):
    """Leave, for the transaction that writes it, for the database triggers to let one change of the log through.

    ``unlink`` with ``user_id``: the account is being deleted, so entries linking to it may have that link set to
    NULL (Django's on_delete=SET_NULL). ``purge`` with ``cutoff``: entries older than the cutoff may be deleted.
    Written and removed inside one transaction by ``speciosa.audit.permits``, so no other connection ever sees one.
    """

    kind = models.CharField(max_length=10, choices=[("unlink", "unlink"), ("purge", "purge")])
    user_id = models.BigIntegerField(null=True)
    cutoff = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.kind} permit for {self.user_id if self.kind == 'unlink' else self.cutoff}"
