"""Interaction rules: kratom together with medicines that add to its effects or whose levels it may change.

Every rule here looks at the same two things: whether kratom was taken recently, and which of the patient's medicines
are recognised by the medicine table (speciosa.core.drugs) and still act on the snapshot's day. Each rule returns at
most one alert, listing every matching medicine in its evidence (the name as entered, the generic it was matched to,
and why it matched).

A medicine still acts while it is taken and, once stopped, for its washout: about five half-lives of its longest-lived
active part after the last dose (the medication's ``stop`` date), longer for depot injections (Vivitrol, Sublocade);
each row of the table carries its washout and source. A stopped medicine in its washout is listed with the date it was
stopped, and the alert says so.

"Recently" means a dose on one of the last 14 calendar days, today included, in the patient's zone. Mitragynine's
elimination half-life was 23 h in daily users (Trakulsrichai 2015) and a median 45 h after a single 2 g dose of tea
(Tanna 2022, as tabulated in the 2023 DMD review); 14 days is more than seven of the longer half-lives, by which time
under 1% is left, so a gap shorter than that is not taken as a break from kratom.

The rules live in three modules, by where the interaction happens: ``sedation`` (at the opioid receptor: sedating
medicines and opioid blockers), ``enzymes`` (at the liver enzymes, in both directions) and ``heart`` (the QT
interval); ``common`` holds what they share.
"""

from speciosa.core.safety.rules.interactions import enzymes, heart, sedation
from speciosa.core.safety.rules.interactions.common import FAMILY, RECENT_USE_DAYS
from speciosa.core.safety.rules.interactions.enzymes import (
    CYP_STRONG_ROLES,
    CYP_SUBSTRATE_ROLES,
    KRATOM_ENZYMES,
    STRONG_PERPETRATOR_ROLES,
)
from speciosa.core.safety.rules.interactions.heart import QT_CONDITIONS, QT_RISKS
from speciosa.core.safety.rules.interactions.sedation import (
    ANTAGONIST_CLASS,
    CLASS_WORDS,
    CNS_EVIDENCE,
    URGENT_CNS_CLASSES,
    WARNING_CNS_CLASSES,
)

__all__ = [
    "ANTAGONIST_CLASS", "CLASS_WORDS", "CNS_EVIDENCE", "CYP_STRONG_ROLES", "CYP_SUBSTRATE_ROLES", "FAMILY",
    "KRATOM_ENZYMES", "QT_CONDITIONS", "QT_RISKS", "RECENT_USE_DAYS", "STRONG_PERPETRATOR_ROLES",
    "URGENT_CNS_CLASSES", "WARNING_CNS_CLASSES", "enzymes", "heart", "sedation",
]
