"""Clinicians' place: consent-based sharing, the panel, the patient view, clinical notes, alert e-mails."""
