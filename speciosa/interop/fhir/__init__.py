"""FHIR R4 (4.0.1): a patient's record out as a Bundle, labs and medicines in from an EHR's Bundle.

``codes`` holds every code system and code Speciosa emits (docs/interop.md lists them with their sources),
``export`` builds the Bundle through the access door's ``OpenRecord``, ``importer`` previews and stores an EHR's
labs and medicines in one transaction.
"""
