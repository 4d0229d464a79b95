"""Treatment plans: authored by a clinician, versioned, acknowledged by the patient, used by the safety engine."""
