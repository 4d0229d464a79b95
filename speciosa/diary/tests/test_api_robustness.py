"""Whatever a client sends, the answer is a success or a 4xx naming a field: never a server error."""

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FIELDS = {
    "/doses": ["product", "amount", "unit", "taken_at", "reason", "note"],
    "/checkins": ["at", "pain_now", "mood", "side_effects", "withdrawal", "note"],
    "/labs": ["code", "value", "unit", "uln", "collected_at"],
    "/medications": ["name", "rxnorm", "dose_text", "start", "stop"],
    "/products": ["name", "form", "unit_mass_g", "mitragynine_content", "favourite", "usual_amount",
                  "usual_unit", "lab_date"],
}
NASTY_TEXT = ["", "g", "ml", "capsule", "pain", "ALT", "INR", "powder", "shot", "nausea", "\x00", "\ud800",
              "2026-06-15T08:00:00", "2026-06-15T08:00:00+00:00", "9999-12-31T23:59:59-12:00",
              "0001-01-01T00:00:00+14:00", "2026-02-30", "1e309", "x" * 5000]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(NASTY_TEXT), st.text(max_size=20),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(["nausea", "craving", "x", "\x00"]), inner, max_size=3), max_leaves=6)


def bodies(path: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(FIELDS[path]), values, max_size=len(FIELDS[path]))


@pytest.mark.parametrize("path", sorted(FIELDS))
def test_no_body_makes_the_server_fail(cast, path):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(body=bodies(path))
    def check(body: dict[str, Any]) -> None:
        response = cast.alice.client.post(f"/api/v1{path}", json.dumps(body),
                                              content_type="application/json")
        assert response.status_code < 500, (body, response.content)
        if response.status_code >= 400:
            assert all(item["field"] for item in response.json()["detail"])

    check()


def test_no_change_makes_the_server_fail(cast):
    dose_id = cast.alice.client.get("/api/v1/doses").json()["items"][0]["id"]

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(body=bodies("/doses"))
    def check(body: dict[str, Any]) -> None:
        response = cast.alice.client.patch(f"/api/v1/doses/{dose_id}", json.dumps(body),
                                               content_type="application/json")
        assert response.status_code < 500, (body, response.content)

    check()
