"""Strict input: every request body names its fields exactly and takes JSON true/false for a yes/no.

A misspelt field silently ignored is a change the caller believes made and was not ("pregnat": true leaves the
PREGNANCY rule asleep); ``1`` read as true is an answer nobody gave. The OpenAPI document is the contract a client
builds against, so the test reads it: every object a request body can hold says ``additionalProperties: false``.
"""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from django.test import Client
from pydantic import BaseModel, TypeAdapter, ValidationError

from speciosa.api import api
from speciosa.testing import make_patient

METHODS = ("post", "put", "patch", "delete")


def _resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def _loose_objects(document: dict, schema: dict, where: str, seen: set[str]) -> list[str]:
    """Every object schema reachable from ``schema`` that does not forbid extra properties."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        seen.add(name)
        return _loose_objects(document, _resolve(document, schema), f"{where} ({name})", seen)
    found = []
    extra = schema.get("additionalProperties")
    values = [extra] if isinstance(extra, dict) else list(schema.get("patternProperties", {}).values())
    if values and "properties" not in schema:
        # A map such as {"nausea": 1}: its keys are names the domain checks (an unknown symptom is a 422).
        return [loose for value in values for loose in _loose_objects(document, value, f"{where}{{}}", seen)]
    if schema.get("type") == "object" or "properties" in schema:
        if extra is not False:
            found.append(where)
        for key, sub in schema.get("properties", {}).items():
            found += _loose_objects(document, sub, f"{where}.{key}", seen)
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            found += _loose_objects(document, sub, where, seen)
    if "items" in schema:
        found += _loose_objects(document, schema["items"], f"{where}[]", seen)
    return found


def _request_bodies(document: dict) -> list[tuple[str, dict]]:
    bodies = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for media, content in operation.get("requestBody", {}).get("content", {}).items():
                bodies.append((f"{method.upper()} {path} {media}", content["schema"]))
    return bodies


def test_every_request_body_in_the_openapi_document_forbids_extra_fields(db):
    document = Client().get("/api/v1/openapi.json").json()
    bodies = _request_bodies(document)
    assert len(bodies) > 10  # the walk found the API's bodies, not an empty document
    loose = [where for label, schema in bodies for where in _loose_objects(document, schema, label, set())]
    assert loose == [], "request bodies that silently accept unknown fields:\n" + "\n".join(loose)


def _body_models() -> list[type[BaseModel]]:
    """The pydantic models behind every request body, nested ones included."""
    models: list[type[BaseModel]] = []

    def visit(model: Any) -> None:
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or model in models:
            return
        models.append(model)
        for field in model.model_fields.values():
            for candidate in _types_in(field.annotation):
                visit(candidate)

    for _prefix, router in api._routers:  # every app mounts its router on the API itself
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for params_model in operation.models:
                    if params_model.__ninja_param_source__ != "body":
                        continue
                    for field in params_model.model_fields.values():
                        for candidate in _types_in(field.annotation):
                            visit(candidate)
    return models


def _types_in(annotation: Any) -> list[Any]:
    found = [annotation]
    for argument in getattr(annotation, "__args__", ()) or ():
        found += _types_in(argument)
    return found


def _is_yes_no(schema: dict) -> bool:
    return schema.get("type") == "boolean" or any(_is_yes_no(sub) for sub in schema.get("anyOf", []))


def test_every_yes_no_field_of_a_request_body_refuses_numbers_and_words():
    models = _body_models()
    assert len(models) > 10
    yes_no = [(model, name, field) for model in models for name, field in model.model_fields.items()
              if _is_yes_no(model.model_json_schema()["properties"][name])]
    assert yes_no, "no yes/no fields found: the walk is broken"
    lax = []
    for model, name, field in yes_no:
        annotation = Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
        adapter: TypeAdapter[Any] = TypeAdapter(annotation)
        assert adapter.validate_python(True) is True
        for answer in (1, 0, "true", "yes"):
            try:
                adapter.validate_python(answer)
            except ValidationError:
                continue
            lax.append(f"{model.__name__}.{name} takes {answer!r}")
    assert lax == [], "\n".join(lax)


@pytest.fixture
def client(db) -> Client:
    signed_in = Client()
    signed_in.force_login(make_patient("alice"))
    return signed_in


def _patch_profile(client: Client, body: dict):
    return client.patch("/api/v1/me/profile", body, content_type="application/json")


def test_a_misspelt_profile_field_is_refused_and_nothing_changes(client):
    before = _patch_profile(client, {}).json()
    response = _patch_profile(client, {"pregnat": True})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "pregnat"
    assert client.get("/api/v1/me").json()["profile"] == before


def test_pregnant_one_is_not_true(client):
    response = _patch_profile(client, {"pregnant": 1})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "pregnant"
    assert client.get("/api/v1/me").json()["profile"]["pregnant"] is False
    assert _patch_profile(client, {"pregnant": True}).json()["pregnant"] is True


PYDANTIC_NAMES = {"ge", "le", "gt", "lt", "min_length", "max_length", "multiple_of"}


def _pydantic_constraints(schema: Any, where: str) -> list[str]:
    """Every place in ``schema`` where a bound is written under pydantic's name instead of JSON Schema's."""
    found: list[str] = []
    if isinstance(schema, dict):
        found += [f"{where}: {name}" for name in PYDANTIC_NAMES & schema.keys()
                  if not isinstance(schema[name], dict)]  # a property called "ge" would hold a schema
        for key, sub in schema.items():
            if key == "properties" and isinstance(sub, dict):
                for name, prop in sub.items():
                    found += _pydantic_constraints(prop, f"{where}.{name}")
            elif key not in ("example", "examples", "default", "const", "enum"):
                found += _pydantic_constraints(sub, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, sub in enumerate(schema):
            found += _pydantic_constraints(sub, f"{where}[{index}]")
    return found


def test_the_openapi_document_states_every_bound_in_json_schema_words(db):
    """A bound written as ``ge`` is invisible to clients and fuzzers (JSON Schema says ``minimum``): they take 0 for
    a valid id and our 422 for a bug. Pydantic writes it so when a Field comes after a validator in Annotated."""
    document = Client().get("/api/v1/openapi.json").json()
    misnamed = _pydantic_constraints(document, "#")
    assert misnamed == [], "bounds under pydantic's names:\n" + "\n".join(misnamed[:40])
