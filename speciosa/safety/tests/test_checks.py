"""speciosa.safety.E001: Django's system checks load the rule registry at start and report a rule a clinician could
not check, so the server stops before the first patient meets it."""

from collections.abc import Iterator

from django.core.checks import run_checks

from speciosa.core.evidence import EvidenceLevel
from speciosa.core.safety import registry
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.snapshot import Snapshot


def uncited(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Nothing; it reached the registry without the decorator's checks.

    Why:
    A rule pack might write to the registry directly.

    Known limits:
    It cites nothing.
    """
    return iter(())


def test_the_built_in_rules_pass_the_check():
    assert run_checks(tags=["speciosa"]) == []


def test_a_rule_that_bypassed_registration_is_reported_as_e001(monkeypatch):
    planted = registry.Rule(code="UNCITED", version=1, title="An uncited rule", family="test",
                            severities=(Severity.INFO,), evidence_level=EvidenceLevel.CASE_REPORTS, sources=(),
                            check=uncited, plain_title="A test", plain_summary="We test.")
    monkeypatch.setitem(registry._REGISTRY, "UNCITED", planted)
    assert [(message.id, message.msg) for message in run_checks(tags=["speciosa"])] == [
        ("speciosa.safety.E001", f"rule UNCITED ({__name__}.uncited): no sources (a clinician must be able to open "
                                 "what the rule rests on)"),
    ]
