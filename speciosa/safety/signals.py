"""Announcements from the safety engine, so other apps (clinicians' e-mails) react without the engine knowing them."""

from django.dispatch import Signal

# Sent by reevaluate() inside its transaction when a rule code starts firing for a patient and a new StoredAlert row
# opens, or when a current alert becomes urgent (``escalated=True``), with ``alert`` (the StoredAlert, saved) and
# ``patient`` (a User). Receivers that do I/O should defer it with transaction.on_commit (the clinicians' e-mails
# enqueue a task then), so a rolled-back evaluation sends nothing.
alert_opened = Signal()
