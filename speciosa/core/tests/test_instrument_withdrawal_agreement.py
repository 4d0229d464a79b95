"""The sows questionnaire and the WITHDRAWAL rule agree on what a complete SOWS is."""

from speciosa.core import instruments
from speciosa.core.safety.rules import dependence


def test_the_rule_reads_the_instruments_id_items_and_answer_range():
    sows = instruments.get(dependence.SOWS_INSTRUMENT)
    assert len(sows.items) == dependence.SOWS_ITEMS
    assert {max(item.values) for item in sows.items} == {dependence.SOWS_ITEM_MAX}
    assert sows.maximum == dependence.SOWS_ITEMS * dependence.SOWS_ITEM_MAX == 64
