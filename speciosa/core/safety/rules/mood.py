"""Mood rules: a positive PHQ-4 screen for anxiety or depression, with the crisis line of the patient's place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from speciosa.core import crisis_lines
from speciosa.core.bibliography import cite
from speciosa.core.evidence import EvidenceLevel
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.wording import plain_date
from speciosa.core.snapshot import Questionnaire, Snapshot

FAMILY = "mood"
# speciosa.core.instruments.phq4 (not imported: the instruments package imports the safety rules). Items 1-2 are the
# GAD-2, items 3-4 the PHQ-2, each answered 0-3; core/tests/test_instrument_mood_agreement.py keeps the two in step.
PHQ4_INSTRUMENT = "phq4"
PHQ4_ITEMS = 4
PHQ4_ITEM_MAX = 3
GAD2_ITEMS = (0, 1)
PHQ2_ITEMS = (2, 3)
SUBSCALE_POSITIVE_AT = 3  # Kroenke 2009: a GAD-2 or PHQ-2 of 3 or more is a positive screen
SEVERE_TOTAL_FROM = 9  # Kroenke 2009: a PHQ-4 total of 9-12 is severe
SCREEN_WINDOW_DAYS = 30  # the PHQ-4 asks about 2 weeks; a month covers one missed fortnightly questionnaire

KROENKE_2009 = cite("kroenke-2009")
LOWE_2010 = cite("lowe-2010")

GARCIA_ROMEU_2020 = cite("garcia-romeu-2020")

_SCREENS = (("anxiety", "GAD-2", GAD2_ITEMS), ("low mood", "PHQ-2", PHQ2_ITEMS))


@dataclass(frozen=True, slots=True)
class MoodScreen:
    """One PHQ-4 read as the rule reads it: the total, the two subscales, and what they mean."""

    total: int
    gad2: int
    phq2: int

    @property
    def positive(self) -> bool:
        """A positive screen for anxiety (GAD-2) or low mood (PHQ-2): 3 or more on either (Kroenke 2009)."""
        return self.gad2 >= SUBSCALE_POSITIVE_AT or self.phq2 >= SUBSCALE_POSITIVE_AT

    @property
    def severe(self) -> bool:
        """A total in the severe range, 9-12 (Kroenke 2009)."""
        return self.total >= SEVERE_TOTAL_FROM

    @property
    def feelings(self) -> str:
        """What the positive subscales are about, in plain words: ``worry``, ``low mood`` or ``worry and low mood``."""
        named = [word for word, score in (("worry", self.gad2), ("low mood", self.phq2))
                 if score >= SUBSCALE_POSITIVE_AT]
        return " and ".join(named) or "worry or low mood"


def screen(answers: Sequence[int]) -> MoodScreen | None:
    """The PHQ-4's answers read as a screen; None when they are not four answers of 0-3 (the rule skips those)."""
    if len(answers) != PHQ4_ITEMS or any(not 0 <= answer <= PHQ4_ITEM_MAX for answer in answers):
        return None
    return MoodScreen(total=sum(answers), gad2=sum(answers[index] for index in GAD2_ITEMS),
                      phq2=sum(answers[index] for index in PHQ2_ITEMS))


@rule(code="MOOD_SCREEN_POSITIVE", version=1, title="Positive screen for anxiety or depression", family=FAMILY,
      severities=(Severity.WARNING, Severity.URGENT), evidence_level=EvidenceLevel.CLINICAL_STUDY,
      sources=(KROENKE_2009, LOWE_2010, GARCIA_ROMEU_2020), plain_title="Your answers show worry or low mood",
      plain_summary=("We read your answers to the four questions about worry and mood. If they show you are "
                     "struggling, we suggest next steps and tell you where to find help at once."))
def mood_screen_positive(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    The latest complete PHQ-4 (four answers of 0-3) of the last 30 days. It fires when the anxiety items (GAD-2,
    items 1-2) or the depression items (PHQ-2, items 3-4) add up to 3 or more, a positive screen (warning); a total
    of 9-12, the severe range, makes it urgent. The action names the crisis line of the patient's jurisdiction
    (``patient.jurisdiction``, or its country) from ``speciosa/data/crisis_lines.json``: 988 in the United States;
    where no line has been checked, a crisis line or the local emergency number. A later PHQ-4 below both cut-offs
    clears the alert.

    Why:
    Kroenke 2009 defines the PHQ-4 as the GAD-2 plus the PHQ-2, each positive at 3 or more, with a total of 0-2
    normal, 3-5 mild, 6-8 moderate and 9-12 severe; Löwe 2010 validated it in the general population. A positive
    screen calls for follow-up (usually the full PHQ-9 or GAD-7 and a conversation with a clinician), and a severe
    total for contact the same day. Many people who use kratom take it for anxiety (67%) or depression (65%) in a US
    survey of 2,798 users (Garcia-Romeu 2020), so the clinician needs to see these symptoms beside the kratom record.

    Known limits:
    A screen, not a diagnosis: a positive result has false positives and a negative one does not rule a disorder
    out. The PHQ-4 does not ask about thoughts of suicide (the PHQ-9's item 9 does), so the alert cannot tell who is
    at risk; it gives every patient with a positive screen the crisis line, as advice for "if". Crisis lines are
    listed only where a number was checked against a source (see the data file's ``missing`` note), and a line can
    change after its checked date. Questionnaires with a wrong number of answers or an answer above 3 are skipped.
    """
    found = _latest_phq4(snapshot)
    result = None if found is None else screen(found.answers)
    if found is None or result is None or not result.positive:
        return
    total, severe = result.total, result.severe
    subscores = {"GAD-2": result.gad2, "PHQ-2": result.phq2}
    positive = [(what, name) for what, name, _items in _SCREENS if subscores[name] >= SUBSCALE_POSITIVE_AT]
    line = crisis_lines.for_jurisdiction(snapshot.patient.jurisdiction)
    crisis = line.how_to_reach() if line is not None else "contact a crisis line in your country"
    if_unsafe = (f"Are you thinking of harming yourself or ending your life? Do you feel you cannot keep yourself "
                 f"safe? Then {crisis} now, or call your local emergency number.")
    answered_on = snapshot.local_day(found.at).isoformat()
    which = " and ".join(f"{what} ({name}: {subscores[name]} of 6)" for what, name in positive)
    feelings = result.feelings
    if severe:
        message = (f"Your answers on {plain_date(found.at)} show a lot of {feelings}. This is not a diagnosis. "
                   "But it matters, and you do not have to deal with it alone.")
        action = f"Contact your clinician today about how you have been feeling. {if_unsafe}"
        clinical = (f"PHQ-4 of {answered_on}: total {total} of 12, in the severe range (9-12), with a positive "
                    f"screen for {which}. Same-day contact advised; the PHQ-4 does not ask about suicidal "
                    "ideation (consider PHQ-9 item 9 and a risk assessment).")
    else:
        message = (f"Your answers on {plain_date(found.at)} show signs of {feelings}. This is not a diagnosis. "
                   "But it is worth talking about.")
        action = (f"Tell your clinician how you have been feeling within the next few days. They may ask you more "
                  f"questions. {if_unsafe}")
        clinical = (f"PHQ-4 of {answered_on}: total {total} of 12, a positive screen for {which}. Follow-up with "
                    "the PHQ-9 or GAD-7 suggested.")
    yield mood_screen_positive.alert(
        Severity.URGENT if severe else Severity.WARNING,
        message=message,
        action=action,
        clinical=clinical,
        evidence={"total": total, "severe": severe, "gad2": subscores["GAD-2"], "phq2": subscores["PHQ-2"],
                  "positive_screens": [name for _what, name in positive], "answered_at": found.at.isoformat(),
                  "jurisdiction": snapshot.patient.jurisdiction,
                  "crisis_line": None if line is None else line.to_dict()},
    )


def _latest_phq4(snapshot: Snapshot) -> Questionnaire | None:
    """The latest complete PHQ-4 of the last SCREEN_WINDOW_DAYS up to ``as_of``; an incomplete one is skipped."""
    oldest = snapshot.as_of - dt.timedelta(days=SCREEN_WINDOW_DAYS)
    for questionnaire in reversed(snapshot.questionnaires):
        if questionnaire.at < oldest:
            return None
        if (questionnaire.instrument == PHQ4_INSTRUMENT and questionnaire.at <= snapshot.as_of
                and len(questionnaire.answers) == PHQ4_ITEMS and max(questionnaire.answers) <= PHQ4_ITEM_MAX):
            return questionnaire
    return None
