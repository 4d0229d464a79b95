"""API shapes for alerts, the rule registry and the evidence library.

Rules and library entries are the core's frozen records, read through resolvers; an alert's detail carries its rule
and the library entries that rule rests on, so the reasoning behind it is one request away.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

from speciosa.core.evidence_library import EvidenceEntry, for_rule
from speciosa.core.safety.registry import Rule, get_rule
from speciosa.lib.schemas import Input, Instant, NoNul, Note
from speciosa.safety.cards import group_of
from speciosa.safety.models import AlertEntry, StoredAlert
from speciosa.safety.wording import EVIDENCE_LEVEL_WORDS, GRADE_WORDS, VERDICT_WORDS, words_for

RuleCode = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{0,39}$", description="a rule code such as LIVER_INJURY")]
EntryId = Annotated[str, Field(pattern=NoNul, max_length=80, description="an entry id such as liver-at-higher-doses")]


class SourceOut(Schema):
    citation: str
    url: str


class EvidenceOut(Schema):
    """One claim of the evidence library with its verdict, grade, summary and sources."""

    id: str
    claim: str
    verdict: str = Field(description="supported, mixed, preclinical, contradicted or unknown")
    grade: str = Field(description="certainty of the evidence: high, moderate, low or very low")
    summary: str = Field(description="what the studies found, for a clinician")
    plain: str = Field(description="the same in plain words, for the patient")
    sources: list[SourceOut]

    @staticmethod
    def resolve_verdict(entry: EvidenceEntry) -> str:
        return entry.verdict.value

    @staticmethod
    def resolve_grade(entry: EvidenceEntry) -> str:
        return entry.grade.value


class EvidenceDetailOut(EvidenceOut):
    verdict_text: str
    grade_text: str
    rules: list[str] = Field(description="codes of the rules that rest on this entry")
    checked: dt.date = Field(description="when the sources were last checked")

    @staticmethod
    def resolve_verdict_text(entry: EvidenceEntry) -> str:
        return words_for(VERDICT_WORDS, entry.verdict.value)

    @staticmethod
    def resolve_grade_text(entry: EvidenceEntry) -> str:
        return words_for(GRADE_WORDS, entry.grade.value)


class RuleOut(Schema):
    code: str
    version: int
    title: str
    plain_title: str = Field(description="the patient's title of its alerts, in plain words")
    plain_summary: str = Field(description="what the rule watches for, in plain words")
    family: str
    severities: list[str]
    evidence_level: str = Field(description="clinical-study, case-reports, in-vitro, guideline or expert-consensus")
    evidence_level_text: str
    what_it_checks: str
    why: str
    known_limits: str
    sources: list[SourceOut]
    evidence_entries: list[str] = Field(description="ids of the evidence-library entries this rule rests on")

    @staticmethod
    def resolve_severities(rule: Rule) -> list[str]:
        return [severity.value for severity in rule.severities]

    @staticmethod
    def resolve_evidence_level(rule: Rule) -> str:
        return rule.evidence_level.value

    @staticmethod
    def resolve_evidence_level_text(rule: Rule) -> str:
        return words_for(EVIDENCE_LEVEL_WORDS, rule.evidence_level.value)

    @staticmethod
    def resolve_what_it_checks(rule: Rule) -> str:
        return rule.section("What it checks")

    @staticmethod
    def resolve_why(rule: Rule) -> str:
        return rule.section("Why")

    @staticmethod
    def resolve_known_limits(rule: Rule) -> str:
        return rule.section("Known limits")

    @staticmethod
    def resolve_evidence_entries(rule: Rule) -> list[str]:
        return [entry.id for entry in for_rule(rule.code)]


class AlertOut(Schema):
    id: int
    code: str
    group: str | None = Field(description="the card this alert is shown in with the others one event raised (a rule "
                                          "family such as liver); null when it stands alone")
    severity: str = Field(description="info, warning or urgent")
    status: str = Field(description="open, acknowledged or resolved")
    title: str = Field(description="in the reader's voice: plain words for the patient, the clinical title for a "
                                   "clinician")
    message: str = Field(description="what it means, in the reader's voice (plain for the patient, clinical for a "
                                     "clinician)")
    action: str = Field(description="what to do, in plain words: what the patient was told")
    clinical_title: str = Field(description="the clinical title (the rule's)")
    clinical_message: str = Field(description="the clinical detail, with figures and terms: for the patient, what to "
                                              "show their clinician")
    rule_version: int
    first_seen: Instant
    last_seen: Instant
    resolved_at: Instant | None
    acknowledged_at: Instant | None
    acknowledged_by: str | None = Field(description="username of who acknowledged it first")

    @staticmethod
    def resolve_clinical_title(alert: StoredAlert) -> str:
        return alert.clinical_title or alert.title

    @staticmethod
    def resolve_clinical_message(alert: StoredAlert) -> str:
        return alert.clinical_message or alert.message

    @staticmethod
    def resolve_acknowledged_by(alert: StoredAlert) -> str | None:
        return alert.acknowledged_by.username if alert.acknowledged_by is not None else None

    @staticmethod
    def resolve_group(alert: StoredAlert) -> str | None:
        return group_of(alert.code)


Evaluation = Literal["current", "pending"]
EVALUATION_HEADER = "Speciosa-Evaluation"  # on every list of alerts: "pending" while the record is being checked


class AlertCardOut(Schema):
    """One problem as a person reads it: the alerts one event raised, the most severe deciding the severity, and
    what to do said once (speciosa.safety.cards). An alert that stands alone is a card of one part."""

    key: str = Field(description="the group (a rule family such as liver), or the code of an alert that stands alone")
    title: str
    severity: str = Field(description="the most severe part's: info, warning or urgent")
    status: str = Field(description="acknowledged when every part is, else open")
    action: str = Field(description="what to do, said once for the whole card")
    first_seen: Instant
    parts: list[AlertOut] = Field(description="the alerts of the card, the lead first")


class AlertDetailOut(AlertOut):
    """An alert with everything needed to check its reasoning: the inputs, the sources, the rule, the evidence."""

    evidence: dict[str, Any] = Field(description="the inputs the rule saw")
    sources: list[SourceOut]
    rule: RuleOut | None = Field(description="the rule that raised it; null if the rule is no longer registered")
    evidence_entries: list[EvidenceOut]

    @staticmethod
    def resolve_rule(alert: StoredAlert) -> Rule | None:
        try:
            return get_rule(alert.code)
        except KeyError:
            return None

    @staticmethod
    def resolve_evidence_entries(alert: StoredAlert) -> list[EvidenceEntry]:
        return list(for_rule(alert.code))


class AcknowledgeIn(Input):
    note: Note = Field("", description="optional: what you decided, or when you will see your clinician; kept as an "
                                       "entry of the alert's conversation")


class CommentIn(Input):
    text: Annotated[str, Field(pattern=NoNul, min_length=1, max_length=AlertEntry.MAX_LENGTH,
                               description="the comment (at most 4,000 characters)")]


class AlertEntryOut(Schema):
    """One entry of an alert's conversation: an acknowledgement, a resolution or a comment. Entries are never
    changed or removed; a correction is a new comment."""

    id: int
    kind: str = Field(description="acknowledged, resolved or comment")
    role: str = Field(description="patient or clinician: in whose voice it was written")
    author: str | None = Field(description="username of who wrote it; null when their account was closed")
    author_name: str = Field(description="who wrote it, as people read it")
    created_at: Instant
    text: str = Field(description="what they wrote (may be empty for an acknowledgement or resolution); empty when "
                                  "hidden")
    hidden: bool = Field(description="true when the text is outside what the patient shares with you: another "
                                     "person's entry on an alert whose details you may not see")
