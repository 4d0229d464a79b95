"""A time sent with an offset that ISO 8601 and Python allow but PostgreSQL refuses (beyond ±15:59) is the same
instant in UTC, and is read, stored and compared as such on both databases: never a server error.

The schema fuzzer found it: ``GET /api/v1/doses?end=1963-04-26T13:15:49+20:55`` failed on PostgreSQL with "time
zone displacement out of range", and every request after it in that transaction failed too.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import quote

import pytest

from speciosa.diary.models import Checkin, Dose, LabResult

pytestmark = pytest.mark.django_db

FAR = "2026-11-30T23:15:00+20:55"  # 02:20 UTC on 30 November
AS_UTC = dt.datetime(2026, 11, 30, 2, 20, tzinfo=dt.UTC)


def post(persona, path: str, body: dict):
    return persona.client.post(f"/api/v1{path}", json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(("path", "body", "model", "field"), [
    ("/doses", {"amount": 2, "unit": "g", "taken_at": FAR}, Dose, "taken_at"),
    ("/checkins", {"pain_now": 4, "at": FAR}, Checkin, "at"),
    ("/labs", {"code": "ALT", "value": 30, "unit": "U/L", "uln": 40, "collected_at": FAR}, LabResult, "collected_at"),
])
def test_a_far_offset_is_stored_as_its_instant_in_utc(cast, path, body, model, field):
    if path == "/doses":
        body = {**body, "product": cast.alice_product.pk}
    response = post(cast.alice, path, body)
    assert response.status_code == 201, response.content
    stored = model.objects.get(pk=response.json()["id"])
    assert getattr(stored, field) == AS_UTC


@pytest.mark.parametrize("query", [f"end={quote(FAR)}", f"start={quote(FAR)}",
                                   f"end={quote('1963-04-26T13:15:49+20:55')}&page=2"])
def test_a_far_offset_in_a_filter_answers_and_the_next_request_still_works(cast, query):
    response = cast.alice.client.get(f"/api/v1/doses?{query}")
    assert response.status_code in (200, 404), response.content
    assert cast.alice.client.get("/api/v1/doses").status_code == 200


def test_the_domain_takes_a_far_offset_as_its_instant_in_utc():
    from speciosa.diary.domain import record_dose
    from speciosa.testing import make_patient, make_powder

    alice = make_patient("alice")
    far = dt.datetime(2026, 11, 30, 23, 15, tzinfo=dt.timezone(dt.timedelta(hours=20, minutes=55)))
    dose = record_dose(alice, product=make_powder(alice), amount=3, unit="g", taken_at=far, by=alice)
    assert dose.taken_at == AS_UTC and dose.taken_at.utcoffset() == dt.timedelta(0)
    assert Dose.objects.get(pk=dose.pk).taken_at == AS_UTC


def test_a_fhir_observation_with_a_far_offset_is_refused_naming_where_and_nothing_is_stored():
    """FHIR's dateTime allows offsets from -12:00 to +14:00 only: the importer's validation refuses the rest."""
    from speciosa.interop.fhir.importer import commit_import
    from speciosa.testing import make_patient

    dana = make_patient("dana")
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {
        "resourceType": "Observation", "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "1742-6"}]},
        "effectiveDateTime": FAR,
        "valueQuantity": {"value": 30, "unit": "U/L", "system": "http://unitsofmeasure.org", "code": "U/L"},
        "referenceRange": [{"high": {"value": 40, "unit": "U/L", "system": "http://unitsofmeasure.org",
                                     "code": "U/L"}}]}}]}
    report = commit_import(dana, json.dumps(bundle), by=dana)
    [entry] = report.entries
    assert (entry.status, entry.field) == ("error", "Bundle.entry[0].resource.effectiveDateTime")
    assert not LabResult.objects.filter(patient=dana).exists()
