"""The rule registry and the evidence library through the API, and the OpenAPI document of the safety paths."""

import pytest
from django.test import Client

from speciosa.core.evidence_library import all_entries, forbidden_phrases
from speciosa.core.safety.registry import all_rules
from speciosa.safety.wording import EVIDENCE_LEVEL_WORDS, FAMILY_WORDS, GRADE_WORDS, VERDICT_WORDS

pytestmark = pytest.mark.django_db

LIST_KEYS = ("id", "claim", "verdict", "grade", "summary", "plain", "sources")


def test_rules_lists_every_registered_rule_in_registry_order(cast):
    response = Client().get("/api/v1/rules", headers=cast.alice.bearer())
    assert [rule["code"] for rule in response.json()] == [rule.code for rule in all_rules()]


def test_each_rule_explains_itself_with_sources(cast):
    body = {rule["code"]: rule for rule in cast.alice.client.get("/api/v1/rules").json()}
    cyp2d6 = body["INTERACTION_CYP2D6"]
    assert (cyp2d6["family"], cyp2d6["severities"], cyp2d6["evidence_level"], cyp2d6["evidence_level_text"]) == (
        "interactions", ["info", "warning"], "in-vitro", "Laboratory (in-vitro) studies, not yet confirmed in people")
    assert [code for code, rule in body.items()
            if not (rule["what_it_checks"] and rule["why"] and rule["known_limits"] and rule["sources"])] == []


def test_rules_are_for_any_signed_in_user_and_one_rule_is_found_by_its_code(cast):
    bob = Client().get("/api/v1/rules/LIVER_HYS_LAW", headers=cast.bob.bearer())
    anonymous = Client().get("/api/v1/rules")
    assert (bob.status_code, bob.json()["code"], anonymous.status_code) == (200, "LIVER_HYS_LAW", 401)


@pytest.mark.parametrize(("code", "status", "field"), [("NO_SUCH_RULE", 404, "code"), ("liver-injury", 422, "code"),
                                                       ("A" * 41, 422, "code")])
def test_an_unknown_or_malformed_rule_code_is_refused_naming_the_code(cast, code, status, field):
    response = cast.alice.client.get(f"/api/v1/rules/{code}")
    assert (response.status_code, [item["field"] for item in response.json()["detail"]]) == (status, [field])


def test_the_evidence_library_is_public_and_lists_every_entry_in_the_agreed_shape(db):
    response = Client().get("/api/v1/evidence")
    expected = [{key: entry.to_dict()[key] for key in LIST_KEYS} for entry in all_entries()]
    assert (response.status_code, response.json()) == (200, expected)


def test_one_entry_gives_its_verdict_in_words_the_rules_it_supports_and_when_it_was_checked(db):
    response = Client().get("/api/v1/evidence/liver-at-higher-doses")
    entry = next(e for e in all_entries() if e.id == "liver-at-higher-doses").to_dict()
    assert response.json() == {**entry, "verdict_text": "Contradicted by the evidence", "grade_text": "Low certainty"}


@pytest.mark.parametrize(("entry_id", "status"), [("no-such-claim", 404), ("x" * 81, 422), ("nul%00", 422)])
def test_an_unknown_entry_is_not_found_naming_the_id(db, entry_id, status):
    response = Client().get(f"/api/v1/evidence/{entry_id}")
    assert (response.status_code, [item["field"] for item in response.json()["detail"]]) == (status, ["id"])


def test_words_the_api_adds_never_present_kratom_as_free_of_risk(cast):
    """The evidence library checks its own summaries; this checks the words this API adds around them."""
    words = [*EVIDENCE_LEVEL_WORDS.values(), *VERDICT_WORDS.values(), *GRADE_WORDS.values(), *FAMILY_WORDS.values()]
    assert [text for text in words if forbidden_phrases(text)] == []


SAFETY_OPERATIONS = {
    "/api/v1/alerts": {"get": {"200", "401", "403", "422"}},
    "/api/v1/alerts/{id}": {"get": {"200", "401", "403", "404", "422"}},
    "/api/v1/alerts/{id}/acknowledge": {"post": {"200", "400", "401", "403", "404", "422"}},
    "/api/v1/rules": {"get": {"200", "401"}},
    "/api/v1/rules/{code}": {"get": {"200", "401", "404", "422"}},
    "/api/v1/evidence": {"get": {"200"}},
    "/api/v1/evidence/{id}": {"get": {"200", "404", "422"}},
    "/api/v1/me/snapshot": {"get": {"200", "401", "403"}},
}


def test_the_openapi_document_lists_the_safety_paths_with_their_refusals(db):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    found = {path: {method: set(operation["responses"]) for method, operation in paths[path].items()}
             for path in SAFETY_OPERATIONS if path in paths}
    assert found == SAFETY_OPERATIONS
