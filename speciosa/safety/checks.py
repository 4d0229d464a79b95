"""System checks for the safety engine, run by Django at start (``manage.py check``, the server, ``speciosa serve``).

The rules load lazily, on the first evaluation; without this check a rule that cannot register would surface at the
first patient rather than at start.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error

from speciosa.core.safety.registry import RuleError, all_rules, problems

E001 = "speciosa.safety.E001"
HINT = "Fix the rule's decorator or docstring; the rules page (docs/safety-rules.md) prints what the registry holds."


def rule_registry(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """speciosa.safety.E001: the rules load, and each is cited, documented and has valid thresholds."""
    try:
        rules = all_rules()
    except RuleError as error:
        return [Error(str(error), hint=HINT, id=E001)]
    return [Error(f"rule {item.code} ({item.where}): {problem}", hint=HINT, obj=item.code, id=E001)
            for item in rules for problem in problems(item)]
