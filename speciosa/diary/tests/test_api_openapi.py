"""The OpenAPI document describes every operation, including how each can fail."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

OPERATIONS = {
    "/api/v1/auth/token": {"post"},
    "/api/v1/me": {"get"},
    "/api/v1/tokens": {"get"},
    "/api/v1/tokens/{token_id}": {"delete"},
    "/api/v1/me/profile": {"patch"},
    "/api/v1/me/export": {"get"},
    "/api/v1/products": {"get", "post"},
    "/api/v1/products/{id}": {"get", "patch", "delete"},
    "/api/v1/products/{id}/quick-log": {"post"},
    "/api/v1/doses": {"get", "post"},
    "/api/v1/doses/{id}": {"get", "patch", "delete"},
    "/api/v1/doses/{id}/history": {"get"},
    "/api/v1/days/{day}": {"get"},
    "/api/v1/today": {"get"},
    "/api/v1/checkins": {"get", "post"},
    "/api/v1/checkins/{id}": {"get", "patch", "delete"},
    "/api/v1/medications": {"get", "post"},
    "/api/v1/medications/{id}": {"get", "patch", "delete"},
    "/api/v1/labs": {"get", "post"},
    "/api/v1/labs/{id}": {"get", "patch", "delete"},
    "/api/v1/alerts": {"get"},
    "/api/v1/alerts/cards": {"get"},
    "/api/v1/alerts/{id}": {"get"},
    "/api/v1/alerts/{id}/acknowledge": {"post"},
    "/api/v1/alerts/{id}/entries": {"get"},
    "/api/v1/alerts/{id}/comments": {"post"},
    "/api/v1/rules": {"get"},
    "/api/v1/rules/{code}": {"get"},
    "/api/v1/evidence": {"get"},
    "/api/v1/evidence/{id}": {"get"},
    "/api/v1/me/snapshot": {"get"},
    "/api/v1/instruments": {"get"},
    "/api/v1/instruments/{id}": {"get"},
    "/api/v1/questionnaires": {"get", "post"},
    "/api/v1/questionnaires/{id}": {"get", "delete"},
    "/api/v1/me/schedule": {"get", "put"},
    "/api/v1/me/audit": {"get"},
    "/api/v1/audit": {"get"},
    "/api/v1/me/archive": {"get"},
    "/api/v1/me/delete": {"post"},
    "/api/v1/plan": {"get"},
    "/api/v1/patients/{id}/plan": {"get", "post"},
    "/api/v1/plan/versions/{id}/acknowledge": {"post"},
    "/api/v1/redcap/dictionary": {"get"},
    "/api/v1/me/redcap/records": {"get"},
    "/api/v1/patients/{id}/redcap/records": {"get"},
    "/api/v1/me/import/csv/preview": {"post"},
    "/api/v1/me/import/csv": {"post"},
    "/api/v1/shares": {"get", "post"},
    "/api/v1/shares/{id}/revoke": {"post"},
    "/api/v1/shares/accept": {"post"},
    "/api/v1/clinic/patients": {"get"},
    "/api/v1/clinic/patients/{id}/alerts": {"get"},
    "/api/v1/clinic/patients/{id}/alerts/cards": {"get"},
    "/api/v1/clinic/patients/{id}/alerts/{alert_id}/acknowledge": {"post"},
    "/api/v1/clinic/patients/{id}/alerts/{alert_id}/resolve": {"post"},
    "/api/v1/clinic/patients/{id}/alerts/{alert_id}/entries": {"get"},
    "/api/v1/clinic/patients/{id}/alerts/{alert_id}/comments": {"post"},
    "/api/v1/clinic/patients/{id}/notes": {"get", "post"},
    "/api/v1/me/fhir": {"get"},
    "/api/v1/me/fhir/import": {"post"},
    "/api/v1/clinic/patients/{id}/fhir": {"get"},
    "/api/v1/clinic/patients/{id}/fhir/import": {"post"},
    "/api/v1/clinic/patients/{id}/summary": {"get"},
    "/api/v1/clinic/patients/{id}/timeline": {"get"},
    "/api/v1/clinic/patients/{id}/labs": {"get"},
    "/api/v1/clinic/patients/{id}/report.pdf": {"get"},
}
# Reference reading open to everyone (the evidence library) or to any signed-in user (the rules): no 403 to declare.
PUBLIC_REFERENCE = ("/api/v1/rules", "/api/v1/evidence", "/api/v1/instruments")


@pytest.fixture(scope="module")
def document():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_it_lists_every_path_and_method(document):
    assert {path: set(methods) for path, methods in document["paths"].items()} == OPERATIONS


def test_every_signed_in_operation_declares_401_and_every_write_declares_422(document):
    missing = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            codes = set(operation["responses"])
            wanted = ({"422"} if method in {"post", "patch"} else set()) | (
                set() if path.endswith("/auth/token") or "security" not in operation else {"401"})
            missing += [f"{method.upper()} {path} {code}" for code in sorted(wanted - codes)]
    assert missing == []


def test_every_diary_operation_declares_403_and_every_record_operation_404(document):
    missing = []
    for path, methods in document["paths"].items():
        if path.startswith(("/api/v1/auth", "/api/v1/me/profile", *PUBLIC_REFERENCE)) or path == "/api/v1/me":
            continue
        for method, operation in methods.items():
            wanted = {"403"} | ({"404"} if "{id}" in path else set())
            absent = sorted(wanted - set(operation["responses"]))
            missing += [f"{method.upper()} {path} {code}" for code in absent]
    assert missing == []


def test_the_dose_answer_documents_its_normalised_figures(document):
    dose = document["components"]["schemas"]["DoseOut"]["properties"]
    assert {"leaf_equivalent_g", "mitragynine_mg", "hydroxymitragynine_mg", "mitragynine_basis",
            "hydroxymitragynine_basis"} <= set(dose)


@pytest.mark.django_db
def test_the_api_docs_page_loads_nothing_from_a_cdn():
    import re

    page = Client().get("/api/v1/docs").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(asset.startswith("/static/") for asset in assets), assets
