"""The append-only log of who read or changed a patient's data, other than the patient."""
