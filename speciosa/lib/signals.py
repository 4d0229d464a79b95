"""Announces that a patient's record changed, so other apps (the safety engine) can react without the diary
depending on them."""

from django.dispatch import Signal

# Sent inside the writing transaction, with ``patient`` (a User) and ``kind`` (the record type that changed), and
# from the diary's writes ``statements`` (speciosa.lib.statements.Statements): a receiver whose work is one plain
# statement adds it there, and the writer sends them together before its transaction ends. Other senders pass none.
patient_record_changed = Signal()
