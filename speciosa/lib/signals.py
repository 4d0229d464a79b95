"""Announces that a patient's record changed, so other apps (the safety engine) can react without the diary
depending on them."""

from django.dispatch import Signal

# Sent inside the writing transaction, with ``patient`` (a User) and ``kind`` (the record type that changed).
patient_record_changed = Signal()
