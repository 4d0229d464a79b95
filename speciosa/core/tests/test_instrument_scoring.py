"""Instrument scoring: worked examples from the publications' scoring rules, and laws that hold for any answers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speciosa.core import instruments
from speciosa.core.errors import InputError

# Each case is a worked example following the scoring rule printed in the instrument's publication.
WORKED_EXAMPLES = [
    # NRS: the number is the score; Boonstra 2016 cut-points (mild <= 5, moderate 6-7, severe >= 8).
    ("nrs", [0], 0, "none", {}),
    ("nrs", [5], 5, "mild", {}),
    ("nrs", [6], 6, "moderate", {}),
    ("nrs", [8], 8, "severe", {}),
    # PEG (Krebs 2009): the mean of the three items; no published bands.
    ("peg", [6, 7, 4], 5.67, None, {}),
    ("peg", [10, 10, 10], 10, None, {}),
    ("peg", [3, 0, 0], 1, None, {}),
    # PHQ-4 (Kroenke 2009): total 0-2 normal, 3-5 mild, 6-8 moderate, 9-12 severe; GAD-2 = items 1-2 and
    # PHQ-2 = items 3-4, each positive at 3 or more.
    ("phq4", [0, 0, 1, 1], 2, "normal",
     {"gad2": 0, "gad2_screen": "negative", "phq2": 2, "phq2_screen": "negative"}),
    ("phq4", [1, 2, 0, 0], 3, "mild", {"gad2": 3, "gad2_screen": "positive", "phq2": 0, "phq2_screen": "negative"}),
    ("phq4", [1, 1, 2, 2], 6, "moderate",
     {"gad2": 2, "gad2_screen": "negative", "phq2": 4, "phq2_screen": "positive"}),
    ("phq4", [3, 3, 3, 3], 12, "severe", {"gad2": 6, "gad2_screen": "positive", "phq2": 6, "phq2_screen": "positive"}),
    # SOWS (Handelsman 1987): the total of 16 items 0-4; 13.5 was the mean among US kratom users (Rogers 2024).
    ("sows", [1] * 13 + [0] * 3, 13, None, {}),
    ("sows", [4] * 16, 64, None, {}),
    # DSM-5: the count of criteria met; 2-3 mild, 4-5 moderate, 6+ severe (the design document's example: 5).
    ("dsm5-kud", [1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1], 5, "moderate", {"criteria_met": "1, 2, 5, 10, 11"}),
    ("dsm5-kud", [0] * 10 + [1], 1, "none", {"criteria_met": "11"}),
    ("dsm5-kud", [1, 1] + [0] * 9, 2, "mild", {"criteria_met": "1, 2"}),
    ("dsm5-kud", [1] * 6 + [0] * 5, 6, "severe", {"criteria_met": "1, 2, 3, 4, 5, 6"}),
]


@pytest.mark.parametrize(("instrument", "answers", "score", "band", "subscores"), WORKED_EXAMPLES)
def test_it_scores_the_worked_examples(instrument, answers, score, band, subscores):
    assert instruments.score(instrument, answers).to_dict() == {
        "instrument": instrument, "score": score, "band": band, "subscores": subscores}


BAD_ANSWERS = [
    ("phq4", [1, 2, 3], "answers[3]", "is missing"),
    ("phq4", [1, 2, 3, 0, 1], "answers[4]", "has no item to answer"),
    ("phq4", [1, 2, 4, 0], "answers[2]", "4 is not an answer to this item; expected 0 to 3"),
    ("phq4", [1, True, 0, 0], "answers[1]", "got a boolean"),
    ("phq4", [1, 2, 0, 1.5], "answers[3]", "expected a whole number"),
    ("phq4", [1, "2", 0, 1], "answers[1]", "got text"),
    ("phq4", [None, 2, 0, 1], "answers[0]", "got null"),
    ("phq4", [float("nan"), 2, 0, 1], "answers[0]", "expected a whole number"),
    ("phq4", "1201", "answers", "expected a list"),
    ("nrs", [11], "answers[0]", "expected 0 to 10"),
    ("nrs", [-1], "answers[0]", "expected 0 to 10"),
    ("dsm5-kud", [2] + [0] * 10, "answers[0]", "expected 0 or 1"),
    ("sows", [0] * 15, "answers[15]", "is missing"),
]


@pytest.mark.parametrize(("instrument", "answers", "field", "words"), BAD_ANSWERS)
def test_bad_answers_raise_an_input_error_naming_the_item(instrument, answers, field, words):
    with pytest.raises(InputError) as raised:
        instruments.score(instrument, answers)
    assert (raised.value.field, words in raised.value.message) == (field, True)


def test_an_unknown_instrument_is_an_input_error_naming_the_instrument():
    with pytest.raises(InputError) as raised:
        instruments.score("bdi", [1])
    assert raised.value.field == "instrument"


def test_integral_floats_are_whole_numbers():
    assert instruments.score("nrs", [7.0]).score == 7


def test_every_instrument_carries_sources_licence_and_a_free_licence_by_default():
    for instrument in instruments.all_instruments():
        assert instrument.sources and instrument.licence and instrument.freely_usable, instrument.id
        assert all(source.url.startswith("https://") for source in (*instrument.sources, *instrument.band_sources))
        assert [band.minimum for band in instrument.bands] == sorted(band.minimum for band in instrument.bands)


@st.composite
def answered(draw):
    instrument = draw(st.sampled_from(instruments.all_instruments()))
    answers = [draw(st.sampled_from(item.values)) for item in instrument.items]
    return instrument, answers


@given(answered())
def test_scores_stay_within_the_instruments_range(case):
    instrument, answers = case
    result = instrument.score(answers)
    assert instrument.minimum <= result.score <= instrument.maximum
    assert result.band in {None, *(band.name for band in instrument.bands)}
    assert (result.band is None) == (not instrument.bands)


@given(answered(), st.data())
def test_raising_any_answer_never_lowers_the_score_or_the_band(case, data):
    instrument, answers = case
    index = data.draw(st.integers(0, len(answers) - 1))
    higher = data.draw(st.sampled_from([v for v in instrument.items[index].values if v >= answers[index]]))
    raised = [*answers[:index], higher, *answers[index + 1:]]
    before, after = instrument.score(answers), instrument.score(raised)
    rank = {band.name: position for position, band in enumerate(instrument.bands)}
    assert after.score >= before.score
    assert rank.get(after.band or "", 0) >= rank.get(before.band or "", 0)
    for name, value in before.subscores.items():
        if isinstance(value, float):
            assert after.subscores[name] >= value


@given(answered(), st.integers(0, 30), st.integers(-5, 5))
def test_any_wrong_count_is_refused(case, extra, sign):
    instrument, answers = case
    count = max(0, len(answers) + (extra if sign >= 0 else -extra))
    if count == len(answers):
        return
    wrong = (answers * 40)[:count]
    with pytest.raises(InputError) as raised:
        instrument.score(wrong)
    assert raised.value.field == f"answers[{min(count, len(answers))}]"


def test_to_dict_describes_the_instrument_for_the_api():
    peg = instruments.get("peg").to_dict()
    assert (peg["minimum"], peg["maximum"], peg["scoring"], len(peg["items"])) == (0, 10, "mean", 3)
    assert peg["loinc"]["panel"] == "91148-7"
    assert peg["items"][0]["options"][0] == {"value": 0, "label": "0 No pain"}
