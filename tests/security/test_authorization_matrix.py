"""The authorization matrix: every page and every API operation, for every persona (see world.py).

Routes come from the URL configuration and the OpenAPI document, so a new endpoint cannot escape: one missing from
the policy map (policy.py) fails here with the line to add. For each route and persona the test checks that
- nobody gets a server error;
- a persona the policy does not let in is refused: 403 or 404 (pages; or a redirect to sign in when signed out),
  401, 403 or 404 (API; 422 for a write whose body is refused first), and a refused write changes nothing of
  alice's record;
- a persona the policy lets in gets the page (so the parameters really reach alice's records);
- no answer to anyone carries a marker of alice's data from a scope they are not entitled to, nor does any e-mail
  the request sends (Django's locmem outbox) to a persona not entitled to it;
- each request writes exactly the audit entries the policy declares: one for a clinician alice shares with who is
  let in (the action, the actor, alice, and what), none for anyone else. A shared write is sent last by the
  clinician alice shares everything with, so that its entry is checked too.

Each read of a patient's record is also sent by a clinician let in with as little as the route needs (its scope
alone), the case where one output channel showing more than the others would show: she must see no other scope's
marker. Markers are looked for in the answer's text: zip files are opened first, and a PDF's text is extracted with
pdftotext (poppler-utils), as a reader of the file would see it.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.http import HttpResponse, HttpResponseBase, HttpResponseForbidden
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.http import urlencode

from speciosa.api import api
from speciosa.audit.domain import record_access
from speciosa.audit.enums import Action
from speciosa.clinic.enums import Scope
from speciosa.safety.notifications import notify_on_urgent_alert
from tests.security.policy import API, PAGES, Access, Rule
from tests.security.world import MARKERS, PERSONAS, World, build_world

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


def _pdf_text(content: bytes) -> str:
    """The words a reader of the PDF sees (its streams are compressed, so its bytes hide them)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian's poppler-utils) is not installed: a PDF's text cannot be checked")
    extracted = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout
    return extracted.decode("utf-8", errors="replace")


def _body_text(response: HttpResponseBase) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf") and content.startswith(b"%PDF"):
        return _pdf_text(content)
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
    elif rule.opens(persona, world.partial_scopes):
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


def _mail_problems(messages: list[EmailMessage], world: World) -> list[str]:
    """Markers in e-mails sent to a persona not entitled to them."""
    problems = []
    for message in messages:
        text = f"{message.subject}\n{message.body}"
        for persona in PERSONAS:
            user = world.user(persona)
            if user is None or not user.email or user.email not in message.to:
                continue
            problems += [f"an e-mail to {persona} carried alice's {scope} data"
                         for scope, pattern in world.forbidden_markers(persona).items() if re.search(pattern, text)]
    return problems


def _senders(rule: Rule, method: str, world: World) -> list[str]:
    """Who sends the request: everyone for a read; for a write, everyone who must be refused, then (on a shared
    route, for its audit entry) the clinician alice shares everything with. Other writes that succeed are the apps'
    own tests' to check."""
    if method not in UNSAFE:
        return list(PERSONAS)
    refused = [persona for persona in PERSONAS if not rule.opens(persona, world.partial_scopes)]
    return refused + (["clinician_shared"] if rule.access is Access.SHARED else [])


def _check(rule: Rule, world: World, method: str, url: str, *, api_call: bool,
           senders: list[str] | None = None) -> list[str]:
    problems = []
    body = rule.body(world) if rule.body else None
    for persona in _senders(rule, method, world) if senders is None else senders:
        before = world.fingerprint() if method in UNSAFE and not rule.opens(persona, world.partial_scopes) else None
        last_audit_id, mails_before = world.last_audit_id(), len(mail.outbox)
        client = Client() if api_call else world.client(persona)
        headers = world.headers(persona) if api_call else {}
        response = _send(client, method, url, body, as_json=api_call, headers=headers)
        problems += _judge(rule, persona, method, response, world, api_call=api_call, before=before,
                           last_audit_id=last_audit_id)
        problems += _mail_problems(mail.outbox[mails_before:], world)
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


def _shared_reads() -> list[str]:
    return sorted([f"page {name}" for name, rule in PAGES.items() if rule.access is Access.SHARED
                   and rule.method == "GET"]
                  + [f"api {key}" for key, rule in API.items() if rule.access is Access.SHARED
                     and key.startswith("GET ")])


@pytest.mark.parametrize("route", _shared_reads())
def test_each_shared_read_shows_a_clinician_with_only_its_scope_nothing_more(db, route):
    """Fay is let in with the route's scope alone (doses, where any share opens it): the answer, in whatever form
    (page, JSON, PDF, CSV), and any e-mail carry no marker of a scope she lacks, and her read is audited."""
    kind, name = route.split(" ", 1)
    rule = PAGES[name] if kind == "page" else API[name]
    world = build_world(partial_scopes=rule.only_scope())
    if kind == "page":
        if name not in page_routes():
            pytest.skip("declared but not routed")
        url = _url(reverse(name, kwargs=rule.params(world) if rule.params else None), world, rule)
    else:
        if name not in api_operations():
            pytest.skip("declared but not in the OpenAPI document")
        url = _url(name.split(" ", 1)[1].format(**(rule.params(world) if rule.params else {})), world, rule)
    assert rule.opens("clinician_partial", world.partial_scopes)
    assert _check(rule, world, "GET", url, api_call=kind == "api", senders=["clinician_partial"]) == []


def test_a_pdfs_markers_are_seen_in_its_text(db):
    """The PDF check must itself be able to fail: alice's own visit report carries her markers, and the bytes
    alone would not show them."""
    world = build_world(partial_scopes=("notes",))
    rule = PAGES["reports:visit_pdf"]
    response = world.client("owner").get(_url(reverse("reports:visit_pdf"), world, rule))
    assert response["Content-Type"].startswith("application/pdf")
    text = _body_text(response)
    assert MARKERS[Scope.MEDICAL] in text  # the medicines table and the alert quoting it
    assert MARKERS[Scope.MEDICAL].encode() not in response.content


def test_urgent_alert_emails_carry_no_marker_to_a_clinician_without_its_scope(db, django_capture_on_commit_callbacks):
    """The e-mail channel: alice's marked urgent alert opens; fay (doses only) is mailed, and no such e-mail
    carries any part of her record."""
    world = build_world(partial_scopes=(Scope.DIARY,))
    alert = world.records["alert"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify_on_urgent_alert(None, alert=alert, patient=world.alice)
    assert world.user("clinician_partial").email in [address for message in mail.outbox for address in message.to]
    assert all(alert.title in message.body for message in mail.outbox)
    assert _mail_problems(mail.outbox, world) == []
    leaked = [message for message in mail.outbox if any(re.search(pattern, message.body)
                                                         for pattern in MARKERS.values())]
    assert leaked == [], "urgent-alert e-mails name no part of the record, whoever receives them"


def test_the_mail_check_notices_a_marker_sent_to_a_clinician_without_its_scope(db):
    world = build_world(partial_scopes=(Scope.DIARY,))
    fay = world.user("clinician_partial")
    sent = EmailMessage("alert", f"about {MARKERS[Scope.MEDICAL]}", to=[fay.email])
    assert _mail_problems([sent], world) == ["an e-mail to clinician_partial carried alice's medical data"]


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
