"""Schema fuzzing: schemathesis draws requests from the OpenAPI document for every operation and sends them as a
patient and as a clinician; no request may make the server fail (a 5xx).

Bounded so it runs in CI in about a minute: a few examples per operation, no deadline (the machine is shared). The
requests go through Django's test client, in the test's own database, with the cast's bearer tokens, so a failure
replays exactly (Hypothesis prints the request). Skipped, with the reason, when schemathesis is not installed: it is
a dev extra (pyproject), not a runtime dependency.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings

from speciosa.testing import Cast

schemathesis = pytest.importorskip(
    "schemathesis", reason="schemathesis is not installed: pip install -e '.[dev]' to run the schema fuzzing")

EXAMPLES_PER_OPERATION = 20
PERSONAS = ("alice", "bob")  # a patient and a clinician with every scope of alice's record


def _load_schema(document: dict[str, Any]) -> Any:
    """The schema object of either schemathesis generation (4.x: schemathesis.openapi; 3.x: top-level)."""
    openapi = getattr(schemathesis, "openapi", None)
    if openapi is not None and hasattr(openapi, "from_dict"):
        return openapi.from_dict(document)
    return schemathesis.from_dict(document)


def _operations(schema: Any) -> list[Any]:
    found = []
    for result in schema.get_all_operations():
        operation = result.ok() if hasattr(result, "ok") else result
        if operation is not None:
            found.append(operation)
    return found


def _send(client: Client, case: Any, bearer: dict[str, str]) -> Any:
    """``case`` through Django's test client, as the real server would receive it."""
    kwargs = case.as_transport_kwargs(base_url="http://testserver") if hasattr(case, "as_transport_kwargs") \
        else case.as_requests_kwargs(base_url="http://testserver")
    url = urlsplit(kwargs["url"])
    path = url.path + (f"?{url.query}" if url.query else "")
    headers = {str(key): str(value) for key, value in (kwargs.get("headers") or {}).items()
               if str(key).lower() not in ("content-type", "content-length", "host")}
    headers.update(bearer)
    method = str(kwargs["method"]).lower()
    params = kwargs.get("params") or {}
    if "json" in kwargs and kwargs["json"] is not None:
        data: Any = json.dumps(kwargs["json"])
        content_type = "application/json"
    else:
        data = kwargs.get("data") or ""
        content_type = (kwargs.get("headers") or {}).get("Content-Type", "application/json")
    request = getattr(client, method)
    if method in ("get", "head"):
        return request(path, params, headers=headers)
    if params:
        path += ("&" if "?" in path else "?") + "&".join(f"{key}={value}" for key, value in params.items())
    return request(path, data, content_type=content_type, headers=headers)


def _fuzz(operation: Any, client: Client, bearer: dict[str, str], failures: list[str]) -> None:
    """Sends EXAMPLES_PER_OPERATION generated requests for ``operation``; notes each 5xx in ``failures``."""
    label = f"{operation.method.upper()} {operation.path}"

    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def fuzz(case: Any) -> None:
        response = _send(client, case, bearer)
        if response.status_code >= 500:
            body = getattr(case, "body", None)
            body = body if isinstance(body, dict | list | str | int | float | bool) else ""  # not schemathesis' NotSet
            failures.append(f"{label}: {response.status_code} for {case.path_parameters} {case.query} {body!r}"[:500])

    fuzz()


@pytest.mark.parametrize("who", PERSONAS)
def test_no_generated_request_makes_the_server_fail(cast: Cast, who: str) -> None:
    persona = getattr(cast, who)
    client = Client(raise_request_exception=False)  # a 500 is the finding, not a crash of the test
    document = client.get("/api/v1/openapi.json").json()
    operations = _operations(_load_schema(document))
    assert len(operations) > 30, "the OpenAPI document lost its operations"
    failures: list[str] = []

    for operation in operations:
        _fuzz(operation, client, persona.bearer(), failures)

    assert failures == [], f"{len(failures)} server errors as {who}:\n" + "\n".join(failures[:30])
