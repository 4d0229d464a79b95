"""The authorization matrix: every page and every API operation, for every persona (see world.py).

Routes come from the URL configuration and the OpenAPI document, so a new endpoint cannot escape: one missing from
the policy map (policy.py) fails here with the line to add. For each route and persona the test checks that
- nobody gets a server error;
- a persona the policy does not let in is refused: 403 or 404 (pages; or a redirect to sign in when signed out),
  401, 403 or 404 (API; 422 for a write whose body is refused first), and a refused write changes nothing of
  alice's record;
- a persona the policy lets in gets the page (so the parameters really reach alice's records);
- no answer to anyone carries a marker of alice's data from a scope they are not entitled to;
- each request writes exactly the audit entries the policy declares: one for a clinician alice shares with who is
  let in (the action, the actor, alice, and what), none for anyone else. A shared write is sent last by the
  clinician alice shares everything with, so that its entry is checked too.

Known limit: markers are looked for in the bytes of the answer (zip files are opened first); text inside a PDF's
compressed streams is not seen, so PDF routes rely on their status codes.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator

import pytest
from django.http import HttpResponse, HttpResponseBase, HttpResponseForbidden
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.http import urlencode

from speciosa.api import api
from speciosa.audit.domain import record_access
from speciosa.audit.enums import Action
from tests.security.policy import API, PAGES, Access, Rule
from tests.security.world import PERSONAS, World, build_world

pytestmark = pytest.mark.django_db

API_PREFIX = "api/v1/"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else (
                entry.namespace or namespace)
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            yield prefix + str(entry.pattern), name or prefix + str(entry.pattern)


def page_routes() -> dict[str, str]:
    """URL name -> pattern, for every page (the API is covered by its OpenAPI document)."""
    return {name: pattern for pattern, name in _walk(get_resolver().url_patterns)
            if not pattern.startswith(API_PREFIX)}


def api_operations() -> set[str]:
    paths = api.get_openapi_schema()["paths"]
    return {f"{method.upper()} {path}" for path, methods in paths.items() for method in methods}


def test_every_page_is_declared_in_the_policy_map():
    undeclared = sorted(set(page_routes()) - set(PAGES))
    assert undeclared == [], (
        "These pages have no entry in tests/security/policy.py, so nobody has said who may open them. Add one line "
        "each to PAGES, for example:\n" + "\n".join(f'    "{name}": own(),   # {page_routes()[name]}'
                                                   for name in undeclared))


def test_every_api_operation_is_declared_in_the_policy_map():
    undeclared = sorted(api_operations() - set(API))
    assert undeclared == [], (
        "These API operations have no entry in tests/security/policy.py, so nobody has said who may call them. "
        "Add one line each to API, for example:\n" + "\n".join(f'    "{key}": own(),' for key in undeclared))


def test_the_policy_map_names_only_routes_that_exist():
    assert sorted(set(PAGES) - set(page_routes())) == []
    assert sorted(set(API) - api_operations()) == []


def test_every_shared_route_declares_its_audit_entry():
    undeclared = sorted([name for name, rule in PAGES.items() if rule.access is Access.SHARED and rule.audit is None]
                        + [key for key, rule in API.items() if rule.access is Access.SHARED and rule.audit is None])
    assert undeclared == [], "Declare the audit entry a clinician's use of these writes (audit=Audit(...))"


def _body_text(response: HttpResponseBase) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = b"\n".join(archive.read(name) for name in archive.namelist())
    return content.decode("utf-8", errors="replace")


def _judge(rule: Rule, persona: str, method: str, response: HttpResponseBase, world: World, *,
           api_call: bool, before: str | None, last_audit_id: int) -> list[str]:
    problems = []
    status = response.status_code
    written, expected = world.audit_since(last_audit_id), rule.audit_rows(world, persona)
    if written != expected:
        problems.append(f"{persona} (status {status}) wrote the audit entries {written}, expected {expected}")
    body = _body_text(response)
    for scope, pattern in world.forbidden_markers(persona).items():
        if re.search(pattern, body):
            problems.append(f"{persona} received alice's {scope} data (status {status})")
    if status >= 500:
        problems.append(f"{persona} got a server error {status}")
    elif rule.opens(persona):
        if status not in rule.ok:
            problems.append(f"{persona} should get {rule.ok} but got {status}: are the parameters right?")
    else:
        if api_call:
            refused = {401, 403, 404} | ({422} if method in UNSAFE else set())
        else:
            refused = {403, 404}
            location = response.get("Location", "")
            if status == 302 and persona == "anonymous" and location.startswith("/accounts/login/"):
                refused.add(302)
        if status not in refused:
            problems.append(f"{persona} should be refused but got {status}")
        if before is not None and world.fingerprint() != before:
            problems.append(f"{persona} changed alice's record (status {status})")
    return problems


def _send(client: Client, method: str, url: str, body: dict | None, *, as_json: bool,
          headers: dict[str, str]) -> HttpResponseBase:
    if method == "GET":
        return client.get(url, headers=headers)
    if as_json:
        return client.generic(method, url, json.dumps(body or {}), content_type="application/json", headers=headers)
    return client.post(url, body or {}, headers=headers)


def _senders(rule: Rule, method: str) -> list[str]:
    """Who sends the request: everyone for a read; for a write, everyone who must be refused, then (on a shared
    route, for its audit entry) the clinician alice shares everything with. Other writes that succeed are the apps'
    own tests' to check."""
    if method not in UNSAFE:
        return list(PERSONAS)
    refused = [persona for persona in PERSONAS if not rule.opens(persona)]
    return refused + (["clinician_shared"] if rule.access is Access.SHARED else [])


def _check(rule: Rule, world: World, method: str, url: str, *, api_call: bool) -> list[str]:
    problems = []
    body = rule.body(world) if rule.body else None
    for persona in _senders(rule, method):
        before = world.fingerprint() if method in UNSAFE and not rule.opens(persona) else None
        last_audit_id = world.last_audit_id()
        client = Client() if api_call else world.client(persona)
        headers = world.headers(persona) if api_call else {}
        response = _send(client, method, url, body, as_json=api_call, headers=headers)
        problems += _judge(rule, persona, method, response, world, api_call=api_call, before=before,
                           last_audit_id=last_audit_id)
    return problems


def _url(path: str, world: World, rule: Rule) -> str:
    return path + (f"?{urlencode(rule.query(world))}" if rule.query else "")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_page_opens_only_to_whom_the_policy_says(db, name):
    if name not in page_routes():
        pytest.skip("declared but not routed (see test_the_policy_map_names_only_routes_that_exist)")
    rule = PAGES[name]
    world = build_world(partial_scopes=rule.partial_scopes())
    path = reverse(name, kwargs=rule.params(world) if rule.params else None)
    assert _check(rule, world, rule.method, _url(path, world, rule), api_call=False) == []


@pytest.mark.parametrize("key", sorted(API))
def test_each_api_operation_answers_only_whom_the_policy_says(db, key):
    if key not in api_operations():
        pytest.skip("declared but not in the OpenAPI document")
    rule = API[key]
    method, template = key.split(" ", 1)
    world = build_world(partial_scopes=rule.partial_scopes())
    path = template.format(**(rule.params(world) if rule.params else {}))
    assert _check(rule, world, method, _url(path, world, rule), api_call=True) == []


def test_the_record_fingerprint_notices_a_change_to_alices_record(db):
    """The check that a refused write changed nothing must itself be able to fail."""
    world = build_world(partial_scopes=("notes",))
    before = world.fingerprint()
    checkin = world.records["checkin"]
    type(checkin).objects.filter(pk=checkin.pk).update(note="changed")
    assert world.fingerprint() != before


def test_the_audit_check_notices_a_missing_and_an_unexpected_entry(db):
    """The check that each request wrote exactly its declared audit entry must itself be able to fail."""
    world = build_world(partial_scopes=("notes",))
    rule, last_audit_id = PAGES["clinic:alert"], world.last_audit_id()
    nothing_written = _judge(rule, "clinician_shared", "GET", HttpResponse(), world, api_call=False, before=None,
                             last_audit_id=last_audit_id)
    record_access(actor=world.user("clinician_unshared"), patient=world.alice, action=Action.READ, what="alert")
    refused_but_logged = _judge(rule, "clinician_unshared", "GET", HttpResponseForbidden(), world, api_call=False,
                                before=None, last_audit_id=last_audit_id)
    assert [problem.split(" (status")[0] for problem in nothing_written + refused_but_logged] == [
        "clinician_shared", "clinician_unshared"]
