"""What the interaction rules' case files cannot say: wording, sources, and the tie between rules and the drug table.

Which snapshots fire and which stay silent is in ``speciosa/core/safety/cases/INTERACTION_*.json``.
"""

import pytest

from speciosa.core import reference
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.registry import get_rule
from speciosa.core.safety.rules import interactions
from speciosa.core.snapshot import parse_snapshot

CODES = ("INTERACTION_CNS_DEPRESSANT", "INTERACTION_CYP3A", "INTERACTION_CYP2D6", "INTERACTION_QT",
         "INTERACTION_OPIOID_ANTAGONIST", "INTERACTION_KRATOM_METABOLISM")


def snapshot(*medications, conditions=()):
    """A snapshot with one recent kratom dose; a medication is a name, or a dict with its start and stop dates."""
    return parse_snapshot({
        "schema": "speciosa.snapshot/1", "as_of": "2026-11-20T12:00:00+00:00",
        "patient": {"conditions": list(conditions)},
        "products": [{"id": "leaf", "form": "powder", "lab_tested": True}],
        "doses": [{"taken_at": "2026-11-19T08:00:00+00:00", "product": "leaf", "amount": 3, "unit": "g"}],
        "medications": [m if isinstance(m, dict) else {"name": m} for m in medications], "labs": [], "checkins": [],
        "questionnaires": [],
    })


def alerts(code, *medications, conditions=()) -> list[Alert]:
    return list(get_rule(code).check(snapshot(*medications, conditions=conditions)))


@pytest.mark.parametrize("code", CODES)
def test_each_rule_documents_what_it_checks_why_and_its_limits(code):
    rule = get_rule(code)
    assert all(rule.section(name) for name in ("What it checks", "Why", "Known limits"))
    assert "not know" in rule.section("Known limits")  # unknown medicines are ignored, and the rule says so
    assert rule.sources and all(source.url.startswith("https://") for source in rule.sources)


def test_the_classes_the_rules_look_for_exist_in_the_drug_table():
    vocabulary = reference.load("drugs")["vocabulary"]
    assert set(interactions.URGENT_CNS_CLASSES + interactions.WARNING_CNS_CLASSES) <= set(vocabulary["classes"])
    assert set(interactions.CYP_SUBSTRATE_ROLES + ("prodrug",)) <= set(vocabulary["cyp"])
    assert set(interactions.QT_RISKS) <= set(vocabulary["qt_risk"])
    assert interactions.ANTAGONIST_CLASS in vocabulary["classes"]
    assert set(interactions.STRONG_PERPETRATOR_ROLES) <= set(vocabulary["perpetrator"])


def test_the_cns_alert_is_the_whole_expected_alert():
    rule = get_rule("INTERACTION_CNS_DEPRESSANT")
    [alert] = alerts("INTERACTION_CNS_DEPRESSANT", "Percocet 5/325", "Flexeril")
    assert alert.to_dict() == {
        "code": "INTERACTION_CNS_DEPRESSANT",
        "severity": "urgent",
        "title": "Kratom with a medicine that makes you sleepy",
        "message": ("You took kratom in the last 14 days and take Percocet 5/325 (oxycodone) and Flexeril "
                    "(cyclobenzaprine). Kratom works a bit like an opioid. With medicines like these, it can make you "
                    "very sleepy, and it can slow or stop your breathing. Most deaths linked to kratom also involved "
                    "other drugs, most often opioids."),
        "action": ("Do not take kratom at the same time as these medicines. Talk with your prescriber today about "
                   "this mix. If someone cannot be woken, breathes very slowly or not at all, or has blue lips, call "
                   "for emergency help now (911 in the US). Give naloxone if you have it."),
        "clinical_title": "Kratom with a medicine that can slow breathing",
        "clinical_message": ("You took kratom in the last 14 days and take Percocet 5/325 (oxycodone) and Flexeril "
                             "(cyclobenzaprine). Kratom acts on the same receptors as opioids; together with opioids "
                             "and muscle relaxants it can cause deep sleepiness and slow or stop breathing. Most "
                             "deaths in which kratom was found involved other substances as well, most often "
                             "opioids. " + interactions.CNS_EVIDENCE),
        "evidence": {"kratom_last_dose_at": "2026-11-19T08:00:00+00:00", "window_days": 14, "medicines": [
            {"name": "Percocet 5/325", "generic": "oxycodone", "classes": ["opioid"]},
            {"name": "Flexeril", "generic": "cyclobenzaprine", "classes": ["muscle_relaxant"]}]},
        "sources": [source.to_dict() for source in rule.sources],
        "rule_version": 2,
    }


def test_the_cns_rule_cites_the_cdc_death_data():
    urls = [source.url for source in get_rule("INTERACTION_CNS_DEPRESSANT").sources]
    assert "https://doi.org/10.15585/mmwr.mm6814a2" in urls


def test_the_cyp3a_message_gives_the_measured_midazolam_effect_and_cites_its_study():
    [alert] = alerts("INTERACTION_CYP3A", "midazolam")
    assert "about 1.4 times" in alert.clinical_message and "not studied" in alert.clinical_message
    assert "about 1.4 times" in alert.message and "CYP3A" not in alert.message
    assert "https://doi.org/10.1002/cpt.2891" in [source.url for source in alert.sources]


def test_the_cyp3a_message_names_sensitive_and_narrow_index_medicines_more_strongly():
    [plain] = alerts("INTERACTION_CYP3A", "atorvastatin")
    [strong] = alerts("INTERACTION_CYP3A", "atorvastatin", "tacrolimus")
    assert ("especially sensitive" in plain.clinical_message,
            "tacrolimus is especially sensitive" in strong.clinical_message) == (False, True)
    assert ("even a small rise" in plain.message, "With tacrolimus, even a small rise" in strong.message) == (
        False, True)


def test_the_cyp2d6_message_states_that_the_clinical_study_found_no_effect():
    [alert] = alerts("INTERACTION_CYP2D6", "metoprolol")
    assert alert.severity is Severity.INFO
    assert "laboratory tests" in alert.clinical_message
    assert "did not change the level of dextromethorphan" in alert.clinical_message
    assert "uncertain" in alert.clinical_message
    assert "In people, the effect seems small." in alert.message


def test_the_cyp2d6_warning_explains_a_prodrug_may_work_less_well():
    [alert] = alerts("INTERACTION_CYP2D6", "codeine")
    assert (alert.severity, "codeine needs CYP2D6 to become active" in alert.clinical_message) == (Severity.WARNING, True)


def test_the_qt_rule_reads_the_heart_condition_code():
    [alert] = alerts("INTERACTION_QT", conditions=["long_qt_heart_disease"])
    assert alert.evidence == {"kratom_last_dose_at": "2026-11-19T08:00:00+00:00", "window_days": 14,
                              "medicines": [], "conditions": ["long_qt_heart_disease"]}
    assert "The evidence is limited" in alert.clinical_message
    assert "a heart rhythm problem" in alert.message


def test_one_medicine_entered_twice_is_listed_twice_but_named_once():
    [alert] = alerts("INTERACTION_CNS_DEPRESSANT", "oxycodone", "oxycodone")
    assert len(alert.evidence["medicines"]) == 2
    assert alert.message.count("oxycodone") == 1


def test_a_stopped_medicine_is_named_with_the_day_it_was_stopped_and_how_long_it_still_acts():
    [alert] = alerts("INTERACTION_CNS_DEPRESSANT", {"name": "Valium 10 mg", "start": "2026-01-01", "stop": "2026-11-01"})
    assert "and recently stopped Valium 10 mg (diazepam)." in alert.message
    assert alert.message.endswith("You stopped Valium 10 mg on 1 Nov 2026. It stays in the body and can still mix "
                                  "with kratom for about 21 days after the last dose.")


def test_a_medicine_taken_and_one_stopped_are_listed_together():
    [alert] = alerts("INTERACTION_CNS_DEPRESSANT", "oxycodone", {"name": "Xanax", "stop": "2026-11-19"})
    assert "and take or recently stopped oxycodone and Xanax (alprazolam)." in alert.message


def test_the_antagonist_alert_warns_of_withdrawal_and_of_overdose_when_overcoming_the_block():
    [alert] = alerts("INTERACTION_OPIOID_ANTAGONIST", "Vivitrol")
    assert alert.severity is Severity.URGENT
    assert "severe withdrawal" in alert.clinical_message and "about a month" in alert.clinical_message
    assert "strong withdrawal" in alert.message and "overdose" in alert.message
    assert "Do not take more kratom or any opioid to get past the block" in alert.action
    assert {source.url for source in alert.sources} >= {"https://doi.org/10.9740/mhc.2021.05.220",
                                                         "https://doi.org/10.9740/mhc.2023.06.155"}


def test_the_metabolism_alert_says_which_way_the_effect_goes():
    [inhibitor] = alerts("INTERACTION_KRATOM_METABOLISM", "Paxlovid")
    [inducer] = alerts("INTERACTION_KRATOM_METABOLISM", "rifampin")
    assert "Kratom may build up" in inhibitor.message and "more sleepiness" in inhibitor.action
    assert "cleared faster" in inducer.clinical_message and "withdrawal" in inducer.clinical_message
    assert "work less well and wear off sooner" in inducer.message
    assert "withdrawal signs" in inducer.action and "make up for a weaker effect" in inducer.action
    assert "make up for a weaker effect" not in inhibitor.action
    assert "https://doi.org/10.1080/00498254.2018.1552819" in [source.url for source in inducer.sources]
