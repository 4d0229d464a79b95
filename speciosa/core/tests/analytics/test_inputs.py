import datetime as dt

import pytest

from speciosa.core.analytics.inputs import CheckinRow, DoseRow, PatientData, ScoreRow
from speciosa.core.errors import InputError

WHEN = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)


@pytest.mark.parametrize(("build", "field"), [
    pytest.param(lambda: DoseRow(dt.datetime(2026, 3, 2, 9), 3.0, None, "Red"), "taken_at", id="naive time"),
    pytest.param(lambda: DoseRow(WHEN, True, None, "Red"), "leaf_g", id="boolean grams"),
    pytest.param(lambda: DoseRow(WHEN, -1.0, None, "Red"), "leaf_g", id="negative grams"),
    pytest.param(lambda: DoseRow(WHEN, float("nan"), None, "Red"), "leaf_g", id="not a number"),
    pytest.param(lambda: DoseRow(WHEN, 3.0, None, "Red\x00"), "product", id="NUL in a name"),
    pytest.param(lambda: DoseRow(WHEN, 3.0, None, "Red", "x" * 201), "strain", id="overlong strain"),
    pytest.param(lambda: CheckinRow(WHEN, pain=11), "pain", id="pain above 10"),
    pytest.param(lambda: CheckinRow(WHEN, pain=5, mood="5"), "mood", id="text rating"),
    pytest.param(lambda: CheckinRow(WHEN, pain=5, side_effects={"nausea": 4}), "side_effects.nausea",
                 id="grade above 3"),
    pytest.param(lambda: ScoreRow("peg", WHEN, None), "score", id="missing score"),
    pytest.param(lambda: PatientData("Mars/Olympus", (), ()), "time_zone", id="unknown zone"),
    pytest.param(lambda: PatientData("UTC", [], ()), "doses", id="a list, not a tuple"),
    pytest.param(lambda: PatientData("UTC", (CheckinRow(WHEN, 5),), ()), "doses[0]", id="a row of the wrong kind"),
    pytest.param(lambda: PatientData("UTC", (), (), plan_changes=(WHEN,)), "plan_changes[0]", id="datetime as date"),
])
def test_it_rejects_bad_input_naming_the_field(build, field):
    with pytest.raises(InputError) as raised:
        build()
    assert raised.value.field == field


def test_rows_are_hashable_values():
    assert CheckinRow(WHEN, 5, side_effects={"nausea": 1}) == CheckinRow(WHEN, 5, side_effects={"nausea": 1})
    assert len({DoseRow(WHEN, 3.0, None, "Red"), DoseRow(WHEN, 3.0, None, "Red")}) == 1
