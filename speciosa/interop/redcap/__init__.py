"""REDCap: Speciosa's data dictionary and a patient's records in REDCap's flat CSV, under a study id."""
