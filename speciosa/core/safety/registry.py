"""The rule registry. Built-in rules register through the same decorator a future rule pack would use.

A rule is a frozen record — stable code, version, title, family, evidence level, sources, the thresholds it reads
(``settings``), and a docstring with the sections *What it checks*, *Why* and *Known limits* — plus one pure
function from a snapshot to alerts. A code never changes meaning: a rule that changes meaning gets a new version.

Registration refuses a rule that a clinician could not check (no source, a missing docstring section, a threshold
without a reason): the import fails with a RuleError naming the rule and every problem, and the Django system check
``speciosa.safety.E001`` loads the registry at start, so a broken rule stops the server before the first patient.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from speciosa.core.evidence import EvidenceLevel, Source
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.thresholds import Threshold, source_problems

if TYPE_CHECKING:  # the snapshot parser calls check_settings, so this module must not import it at run time
    from speciosa.core.snapshot import Snapshot

Check = Callable[["Snapshot"], Iterable[Alert]]
DOC_SECTIONS = ("What it checks", "Why", "Known limits")
CODE = re.compile(r"[A-Z][A-Z0-9]*(_[A-Z0-9]+)*")


class RuleError(ValueError):
    """A rule that cannot be registered, naming the rule, where it is defined, and every problem."""


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
    settings: tuple[Threshold, ...] = ()
    plain_title: str = ""  # the patient's title of its alerts, in plain words
    plain_summary: str = ""  # what it watches for, in plain words, for the patient's "Safety checks" page

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.check) or ""

    @property
    def where(self) -> str:
        """The check function's dotted name, for error messages."""
        return f"{self.check.__module__}.{self.check.__qualname__}"

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

    def setting(self, snapshot: Snapshot, threshold: Threshold) -> float:
        """The plan's value of one of this rule's thresholds when set, else its cited default.

        Reading a threshold the rule does not declare raises LookupError: the rules page would not list it.
        """
        if threshold not in self.settings:
            raise LookupError(f"rule {self.code} reads setting {threshold.name} without declaring it in settings=")
        if snapshot.plan is not None and threshold.name in snapshot.plan.settings:
            return float(snapshot.plan.settings[threshold.name])
        return threshold.default

    def alert(self, snapshot_severity: Severity, *, message: str, action: str, clinical: str, evidence: dict,
              title: str | None = None, clinical_title: str | None = None) -> Alert:
        """An alert of this rule, carrying its code, version and sources, in both voices: ``title`` (default the
        rule's plain title), ``message`` and ``action`` for the patient; ``clinical_title`` (default the rule's
        title) and ``clinical`` for the clinician."""
        return Alert(code=self.code, severity=snapshot_severity, title=title or self.plain_title, message=message,
                     action=action, clinical_title=clinical_title or self.title, clinical_message=clinical,
                     evidence=evidence, sources=self.sources, rule_version=self.version)


_REGISTRY: dict[str, Rule] = {}


def rule(*, code: str, version: int, title: str, family: str, severities: tuple[Severity, ...],
         evidence_level: EvidenceLevel, sources: tuple[Source, ...], plain_title: str, plain_summary: str,
         settings: tuple[Threshold, ...] = ()) -> Callable[[Check], Rule]:
    """Registers a check function as a rule. Raises RuleError listing every problem (see ``problems``).

    ``title`` is the clinician's; ``plain_title`` and ``plain_summary`` are the patient's (see speciosa.core.safety
    .alert for the two voices)."""

    def register(check: Check) -> Rule:
        registered = Rule(code=code, version=version, title=title, family=family, severities=severities,
                          evidence_level=evidence_level, sources=sources, check=check, settings=settings,
                          plain_title=plain_title, plain_summary=plain_summary)
        found = problems(registered)
        if found:
            raise RuleError(f"rule {code} ({registered.where}) cannot be registered: {'; '.join(found)}")
        _REGISTRY[code] = registered
        return registered

    return register


def problems(item: Rule) -> list[str]:
    """What keeps a rule from being registered; empty when nothing does.

    A code that is well formed and not taken; a version, title, family and severity; sources a clinician can open;
    the three docstring sections the rules page prints; and thresholds each in range, with a reason, and not
    declared differently under the same name by another rule.
    """
    found = []
    if not CODE.fullmatch(item.code):
        found.append(f"code {item.code!r} is not UPPER_SNAKE_CASE")
    if _REGISTRY.get(item.code, item) is not item:
        found.append(f"code {item.code} is already registered by {_REGISTRY[item.code].where}")
    if item.version < 1:
        found.append("version must be 1 or more")
    if not item.title.strip() or not item.family.strip():
        found.append("a title and a family are required")
    if not item.plain_title.strip() or not item.plain_summary.strip():
        found.append("a plain title and a plain summary for the patient are required")
    if not item.severities:
        found.append("no severities")
    if not item.sources:
        found.append("no sources (a clinician must be able to open what the rule rests on)")
    found += [problem for source in item.sources for problem in source_problems(source)]
    found += [f"docstring has no '{name}:' section" for name in DOC_SECTIONS if not item.section(name)]
    names = [threshold.name for threshold in item.settings]
    found += [f"setting {name} is declared twice" for name in sorted(set(names)) if names.count(name) > 1]
    declared: dict[str, tuple[str, Threshold]] = {}  # name -> the first rule declaring it, and its threshold
    for other in _REGISTRY.values():
        if other is not item:
            for threshold in other.settings:
                declared.setdefault(threshold.name, (other.code, threshold))
    for threshold in item.settings:
        found += threshold.problems()
        owner, known = declared.get(threshold.name, (item.code, threshold))
        if known != threshold:
            found.append(f"setting {threshold.name} differs from the one {owner} declares (share the same "
                         "Threshold object)")
    return found


def all_rules() -> list[Rule]:
    _load_builtin_rules()
    return sorted(_REGISTRY.values(), key=lambda r: (r.family, r.code))


def get_rule(code: str) -> Rule:
    _load_builtin_rules()
    return _REGISTRY[code]


def all_thresholds() -> list[Threshold]:
    """Every threshold a plan may set, once each (a threshold two rules read is listed once), by name."""
    found = {threshold.name: threshold for registered in all_rules() for threshold in registered.settings}
    return [found[name] for name in sorted(found)]


def check_settings(settings: Mapping[str, object], path: str = "plan.settings") -> None:
    """Raises InputError naming the field when a known setting is not a number within its range.

    Unknown names are left alone, as the snapshot format ignores unknown fields so that newer writers do not break
    older readers; the place where a clinician edits the plan should reject them.
    """
    known = {threshold.name: threshold for threshold in all_thresholds()}
    for name, value in settings.items():
        if name in known:
            known[name].check(value, f"{path}.{name}")


def evaluate(snapshot: Snapshot) -> list[Alert]:
    """Every alert for a snapshot, most severe first, then by code."""
    alerts: list[Alert] = []
    for registered in all_rules():
        alerts.extend(registered.check(snapshot))
    return sorted(alerts, key=lambda a: (-a.severity.rank, a.code))


def _load_builtin_rules() -> None:
    # Imported for their registrations; kept here so importing the registry alone has no side effects.
    import speciosa.core.safety.rules  # noqa: F401
