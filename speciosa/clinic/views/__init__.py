"""Clinic pages: a patient's sharing (invite, list, revoke), a clinician's accept page, panel and patient view."""
