from speciosa.clinic.tests.people import clinic  # noqa: F401 (a fixture)
