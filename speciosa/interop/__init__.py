"""Interoperability: FHIR R4, REDCap and CSV from other trackers, in and out."""
