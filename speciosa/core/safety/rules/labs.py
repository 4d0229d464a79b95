"""Lab monitoring rules: liver tests due under the clinician's plan."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from speciosa.core.evidence import EvidenceLevel
from speciosa.core.safety import daily
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules.liver import AHMAD_2021, CHALASANI_2014, SCHIMMEL_2020
from speciosa.core.safety.rules.liver_readings import LIVER_TESTS
from speciosa.core.safety.wording import plain_date
from speciosa.core.snapshot import Lab, Snapshot

FAMILY = "labs"


@rule(code="LABS_OVERDUE", version=1, title="Liver tests are due", family=FAMILY, severities=(Severity.INFO,),
      evidence_level=EvidenceLevel.EXPERT_CONSENSUS, sources=(SCHIMMEL_2020, AHMAD_2021, CHALASANI_2014),
      plain_title="Time for a liver blood test",
      plain_summary=("If your plan asks for liver blood tests every so often, we remind you when one is due."))
def labs_overdue(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    When the plan sets ``lab_interval_days`` (N) and kratom was taken in the last N days: whether more than N days
    have passed since the latest liver test (ALT, AST, ALP or total bilirubin), or, with no liver test on record,
    since the first dose. Days are calendar days in the patient's zone; on day N exactly the test is due, not late.

    Why:
    Kratom liver injury usually appears within weeks of starting (2-49 days in published cases) and can be found on
    blood tests before jaundice; no guideline sets an interval for kratom, so the clinician's plan does.

    Known limits:
    Without a plan interval the rule is silent. A GGT or INR alone does not count as a liver test. It cannot know of
    tests done elsewhere and not entered.
    """
    interval = snapshot.plan.lab_interval_days if snapshot.plan is not None else None
    if not interval:
        return
    last_dose = daily.last_dose_before(snapshot, snapshot.as_of)
    if last_dose is None or (snapshot.today - snapshot.local_day(last_dose.taken_at)).days >= interval:
        return
    latest = _latest_liver_test(snapshot)
    if latest is not None:
        days_since = (snapshot.today - snapshot.local_day(latest.collected_at)).days
        if days_since <= interval:
            return
        message = (f"Your plan asks for a liver blood test every {interval} days. Your last one was {days_since} "
                   f"days ago, on {plain_date(latest.collected_at)}.")
        clinical = (f"Liver panel overdue: plan interval {interval} days, last liver test "
                    f"{snapshot.local_day(latest.collected_at).isoformat()} ({days_since} days ago).")
        evidence = {"interval_days": interval, "latest_test_at": latest.collected_at.isoformat(),
                    "days_since_test": days_since}
    else:
        first = daily.first_dose(snapshot)
        assert first is not None  # a last dose exists, so a first one does
        days_of_use = (snapshot.today - snapshot.local_day(first.taken_at)).days
        if days_of_use <= interval:
            return
        message = (f"Your plan asks for a liver blood test every {interval} days. There is none here since your "
                   f"first dose {days_of_use} days ago.")
        clinical = (f"Liver panel overdue: plan interval {interval} days, no liver test on record in {days_of_use} "
                    "days since the first recorded dose.")
        evidence = {"interval_days": interval, "latest_test_at": None, "first_dose_at": first.taken_at.isoformat(),
                    "days_of_use": days_of_use}
    yield labs_overdue.alert(
        Severity.INFO,
        message=message + " Regular tests can find strain on the liver before you feel it.",
        action="Ask your clinician for a liver blood test. Then add the results here.",
        clinical=clinical + " Suggested: ALT, AST, ALP, total bilirubin.",
        evidence=evidence,
    )


def _latest_liver_test(snapshot: Snapshot) -> Lab | None:
    end = bisect.bisect_right(snapshot.labs, snapshot.as_of, key=lambda lab: lab.collected_at)
    for index in range(end - 1, -1, -1):
        if snapshot.labs[index].code in LIVER_TESTS:
            return snapshot.labs[index]
    return None
