"""Renders ``docs/safety-rules.md`` from the rule registry, so the documentation cannot drift from the code.

Regenerate every generated document with ``./dev speciosa docs``; a test fails when the file is stale.
"""

from __future__ import annotations

from itertools import groupby

from speciosa.core.safety.registry import DOC_SECTIONS, Rule, all_rules

COMMAND = "./dev speciosa docs"


def render() -> str:
    """The whole Markdown page."""
    rules = all_rules()
    lines = [
        "# Safety rules",
        "",
        f"Generated from the rule registry by `{COMMAND}`; do not edit by hand.",
        "",
        "Every alert carries its rule's code, version and sources, and the inputs the rule saw. Codes are stable: a",
        "rule that changes meaning gets a new version, never a new meaning under an old code. Speciosa supports",
        "decisions and never prescribes; a rule that stays silent is not evidence that use is without risk.",
        "",
        f"{len(rules)} rules.",
        "",
        "| Code | Title | Family | Severities | Evidence level | Version |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for item in rules:
        lines.append(f"| [`{item.code}`](#{item.code.lower()}) | {item.title} | {item.family} | "
                     f"{_severities(item)} | {item.evidence_level.value} | {item.version} |")
    for family, members in groupby(rules, key=lambda r: r.family):
        lines += ["", f"## {family.capitalize()}"]
        for item in members:
            lines += _rule_section(item)
    return "\n".join(lines) + "\n"


def _rule_section(item: Rule) -> list[str]:
    lines = ["", f"### {item.code}", "", f"**{item.title}**", "",
             f"- Family: {item.family}",
             f"- Severities: {_severities(item)}",
             f"- Evidence level: {item.evidence_level.value}",
             f"- Version: {item.version}",
             f"- For the patient: *{item.plain_title}.* {item.plain_summary}"]
    for name in DOC_SECTIONS:
        lines += ["", f"**{name}.** {_markdown(item.section(name))}"]
    if item.settings:
        lines += ["", "Settings a clinician may change in the plan (`plan.settings`):", "",
                  "| Setting | Default | Allowed | Unit | Why this default |", "| --- | --- | --- | --- | --- |"]
        for setting in item.settings:
            lines.append(f"| `{setting.name}` | {setting.default:g} | {setting.minimum:g}-{setting.maximum:g} | "
                         f"{setting.unit} | {setting.why} |")
        cited = [setting for setting in item.settings if setting.sources]
        if cited:
            lines += ["", "Where the defaults come from:", ""]
            lines += [f"- `{setting.name}`: " + "; ".join(f"[{source.citation}]({source.url})"
                                                         for source in setting.sources) for setting in cited]
    lines += ["", "Sources:", ""]
    lines += [f"{n}. [{source.citation}]({source.url})" for n, source in enumerate(item.sources, start=1)]
    return lines


def _severities(item: Rule) -> str:
    return ", ".join(severity.value for severity in item.severities)


def _markdown(text: str) -> str:
    """One paragraph of Markdown from a docstring section (RST literals become code spans)."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip()).replace("``", "`")
