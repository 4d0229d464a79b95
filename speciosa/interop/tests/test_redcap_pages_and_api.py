"""REDCap downloads through pages and the API: who gets which file, and what it holds."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from speciosa.audit.models import AuditEntry
from speciosa.interop.redcap.records import study_id_of
from speciosa.interop.redcap.rules import check_dictionary, parse

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_a_researcher_downloads_the_dictionary_and_it_keeps_redcaps_rules(cast):
    response = cast.rita.client.get("/api/v1/redcap/dictionary", headers=cast.rita.bearer())
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert check_dictionary(*parse(response.content.decode("utf-8"))) == []
    assert cast.rita.client.get(reverse("interop:redcap_records")).status_code == 403  # no diary of her own


def test_the_patients_page_names_the_study_id_and_her_file_carries_it(cast):
    page = cast.alice.client.get(reverse("interop:redcap"))
    assert study_id_of(cast.alice.user) in page.content.decode()
    response = cast.alice.client.get(reverse("interop:redcap_records"))
    assert study_id_of(cast.alice.user) in response["Content-Disposition"]
    assert "alice" not in response["Content-Disposition"]
    assert [row["redcap_repeat_instrument"] for row in _rows(response)] == ["", "dose", "daily_checkin", "liver_labs"]


def test_a_clinician_with_doses_and_check_ins_gets_those_forms_and_the_export_is_logged(cast):
    response = cast.fay.client.get(f"/api/v1/patients/{cast.alice.user.pk}/redcap/records",
                                   headers=cast.fay.bearer())
    assert response.status_code == 200
    assert [row["redcap_repeat_instrument"] for row in _rows(response)] == ["", "dose", "daily_checkin"]
    assert list(AuditEntry.objects.filter(patient=cast.alice.user).values_list("actor__username", "action", "what")) \
        == [("fay", "export", "REDCap records")]


def test_a_patient_cannot_use_the_clinicians_address_for_her_own_record(cast):
    response = cast.alice.client.get(f"/api/v1/patients/{cast.alice.user.pk}/redcap/records",
                                     headers=cast.alice.bearer())
    assert response.status_code == 403
