"""The rule registry. Built-in rules register through the same decorator a future rule pack would use.

A rule is a frozen record — stable code, version, title, family, evidence level, sources, and a docstring with the
sections *What it checks*, *Why* and *Known limits* — plus one pure function from a snapshot to alerts. A code never
changes meaning: a rule that changes meaning gets a new version.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from speciosa.core.evidence import EvidenceLevel, Source
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.snapshot import Snapshot

Check = Callable[[Snapshot], Iterable[Alert]]
DOC_SECTIONS = ("What it checks", "Why", "Known limits")


@dataclass(frozen=True)
class Rule:
    code: str
    version: int
    title: str
    family: str
    severities: tuple[Severity, ...]
    evidence_level: EvidenceLevel
    sources: tuple[Source, ...]
    check: Check

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.check) or ""

    def section(self, name: str) -> str:
        """The text of one docstring section (``What it checks``, ``Why``, ``Known limits``)."""
        lines = self.doc.splitlines()
        out: list[str] = []
        inside = False
        for line in lines:
            header = line.strip().rstrip(":")
            if header in DOC_SECTIONS:
                inside = header == name
                continue
            if inside:
                out.append(line)
        return "\n".join(out).strip()

    def alert(self, snapshot_severity: Severity, *, message: str, action: str, evidence: dict,
              title: str | None = None) -> Alert:
        """An alert of this rule, carrying its code, version and sources."""
        return Alert(code=self.code, severity=snapshot_severity, title=title or self.title, message=message,
                     action=action, evidence=evidence, sources=self.sources, rule_version=self.version)


_REGISTRY: dict[str, Rule] = {}


def rule(*, code: str, version: int, title: str, family: str, severities: tuple[Severity, ...],
         evidence_level: EvidenceLevel, sources: tuple[Source, ...]) -> Callable[[Check], Rule]:
    """Registers a check function as a rule. Raises ValueError on a duplicate code."""

    def register(check: Check) -> Rule:
        if code in _REGISTRY:
            raise ValueError(f"rule code {code} is registered twice")
        registered = Rule(code=code, version=version, title=title, family=family, severities=severities,
                          evidence_level=evidence_level, sources=sources, check=check)
        _REGISTRY[code] = registered
        return registered

    return register


def all_rules() -> list[Rule]:
    _load_builtin_rules()
    return sorted(_REGISTRY.values(), key=lambda r: (r.family, r.code))


def get_rule(code: str) -> Rule:
    _load_builtin_rules()
    return _REGISTRY[code]


def evaluate(snapshot: Snapshot) -> list[Alert]:
    """Every alert for a snapshot, most severe first, then by code."""
    alerts: list[Alert] = []
    for registered in all_rules():
        alerts.extend(registered.check(snapshot))
    return sorted(alerts, key=lambda a: (-a.severity.rank, a.code))


def _load_builtin_rules() -> None:
    # Imported for their registrations; kept here so importing the registry alone has no side effects.
    import speciosa.core.safety.rules  # noqa: F401
