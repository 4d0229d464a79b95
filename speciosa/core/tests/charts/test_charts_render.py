"""Charts render from plain data to SVG and PNG, the same bytes every time, and say "No data yet" when empty."""

import datetime as dt
import re

import pytest

from speciosa.core.analytics.inputs import CheckinRow, DoseRow, PatientData, ScoreRow
from speciosa.core.analytics.series import daily_series
from speciosa.core.analytics.side_effects import by_dose_band
from speciosa.core.charts import (
    NO_DATA,
    PRINT,
    Band,
    LabPoint,
    ScorePoint,
    ScoreSeries,
    liver_chart,
    outcome_chart,
    score_chart,
    side_effect_chart,
)

START = dt.date(2026, 9, 1)
END = dt.date(2026, 9, 28)
PHQ4_BANDS = (Band("normal", 0), Band("mild", 2.5), Band("moderate", 5.5), Band("severe", 8.5))


def moment(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def four_weeks() -> PatientData:
    doses, checkins, scores = [], [], []
    for offset in range(28):
        day = START + dt.timedelta(days=offset)
        doses.append(DoseRow(moment(day, 8), 3.0 + offset % 5, 45.0, "Red powder"))
        checkins.append(CheckinRow(moment(day, 20), pain=6 - offset // 7, mood=5,
                                   side_effects={"nausea": 1 if offset % 3 == 0 else 0}))
        if offset % 7 == 0:
            scores.append(ScoreRow("peg", moment(day, 19), 6.0 - offset / 10))
    return PatientData("UTC", tuple(doses), tuple(checkins), tuple(scores), plan_changes=(dt.date(2026, 9, 15),))


def every_chart(data: PatientData, labs=(), scores=(), layout=PRINT):
    days = daily_series(data, start=START, end=END)
    return [
        outcome_chart(days, plan_changes=data.plan_changes, limits={day.day: 8.0 for day in days}, layout=layout),
        side_effect_chart(by_dose_band(days), names={"nausea": "Nausea"}, layout=layout),
        liver_chart(list(labs), start=START, end=END, layout=layout),
        score_chart(list(scores), start=START, end=END, layout=layout),
    ]


LABS = [LabPoint("ALT", dt.date(2026, 9, 2), 0.8), LabPoint("ALT", dt.date(2026, 9, 20), 3.4),
        LabPoint("TBIL", dt.date(2026, 9, 20), 1.1)]
SCORES = [ScoreSeries("phq4", "PHQ-4", 0, 12, (ScorePoint(dt.date(2026, 9, 3), 7, "moderate"),
                                                  ScorePoint(dt.date(2026, 9, 24), 4, "mild")), PHQ4_BANDS)]


def test_each_chart_renders_an_svg_labelled_with_its_title_and_summary_and_a_png():
    for chart in every_chart(four_weeks(), LABS, SCORES):
        svg = chart.svg()
        assert svg.startswith("<svg ")
        assert f'aria-labelledby="{chart.key}-title {chart.key}-desc"' in svg
        assert f'<title id="{chart.key}-title">' in svg and f'<desc id="{chart.key}-desc">' in svg
        assert not chart.empty
        assert chart.png(dpi=60).startswith(b"\x89PNG")


def test_the_same_data_gives_the_same_bytes():
    first = every_chart(four_weeks(), LABS, SCORES)
    second = every_chart(four_weeks(), LABS, SCORES)
    assert [chart.svg() for chart in first] == [chart.svg() for chart in second]
    assert [chart.png(dpi=60) for chart in first] == [chart.png(dpi=60) for chart in second]


def test_an_svg_has_no_style_element_which_the_content_security_policy_would_refuse():
    for chart in every_chart(four_weeks(), LABS, SCORES):
        assert "<style" not in chart.svg()


def test_every_id_in_an_svg_carries_the_charts_key_so_charts_can_share_a_page():
    for chart in every_chart(four_weeks(), LABS, SCORES):
        svg = chart.svg()
        ids = re.findall(r'\bid="([^"]+)"', svg)
        assert ids and all(found.startswith(f"{chart.key}-") for found in ids)
        for reference in re.findall(r'(?:href="#|url\(#)([^")]+)', svg):
            assert reference in ids


def test_without_data_each_chart_says_no_data_yet():
    empty = PatientData("UTC", (), ())
    charts = every_chart(empty)
    assert [chart.empty for chart in charts] == [True, True, True, True]
    for chart in charts:
        assert chart.summary.startswith(f"{NO_DATA}.")
        assert NO_DATA in chart.svg()
        assert chart.table.rows == ()


def test_the_outcome_chart_summarises_and_tabulates_what_it_draws():
    chart = every_chart(four_weeks())[0]
    assert chart.title == "Pain and dose"
    assert chart.summary.startswith("1 Sep to 28 Sep 2026: doses on 28 of 28 days, on average 4.9 g leaf-equivalent "
                                    "on days with leaf doses (most 7 g). Pain ranged from 3 to 6 (mean 4.5, 28 days rated)")
    assert chart.summary.endswith("The plan changed on 15 Sep 2026.")
    assert chart.table.headers == ("Day", "Leaf-eq. g", "Pain", "PEG", "Mood")
    assert chart.table.rows[0] == ("1 Sep 2026", "3", "6", "6", "5")
    assert len(chart.table.rows) == 28


def test_a_year_is_drawn_as_weekly_averages():
    data = four_weeks()
    days = daily_series(data, start=START - dt.timedelta(days=300), end=END)
    chart = outcome_chart(days)
    assert chart.table.headers[0] == "Week"
    assert len(chart.table.rows) == 48  # 3 Nov 2025 to 28 Sep 2026, Mondays to Sundays


def test_the_liver_chart_reads_the_latest_results_and_the_line_reached():
    chart = every_chart(four_weeks(), LABS)[2]
    assert chart.summary == ("Latest results: ALT 3.4× ULN on 20 Sep 2026, Bilirubin 1.1× ULN on 20 Sep 2026. "
                             "Highest: ALT 3.4× ULN on 20 Sep 2026; it reached the 3× line.")
    assert chart.table.rows == (("2 Sep 2026", "ALT", "0.8"), ("20 Sep 2026", "ALT", "3.4"),
                                ("20 Sep 2026", "Bilirubin", "1.1"))


def test_the_score_chart_names_each_scores_band():
    chart = every_chart(four_weeks(), scores=SCORES)[3]
    assert chart.table.rows == (("3 Sep 2026", "PHQ-4", "7", "moderate"), ("24 Sep 2026", "PHQ-4", "4", "mild"))
    assert "PHQ-4: 2 answered, latest 4 (mild) on 24 Sep 2026" in chart.summary


@pytest.mark.parametrize("score,band", [(0, "normal"), (2, "normal"), (3, "mild"), (6, "moderate"), (12, "severe")])
def test_without_a_stored_band_the_band_is_read_from_the_shading(score, band):
    series = ScoreSeries("phq4", "PHQ-4", 0, 12, (ScorePoint(START, score),), PHQ4_BANDS)
    assert score_chart([series], start=START, end=END).table.rows == (("1 Sep 2026", "PHQ-4", str(score), band),)


def test_side_effects_are_shared_out_by_dose_band_with_their_interval():
    chart = every_chart(four_weeks())[1]
    assert chart.table.headers == ("Symptom", "Under 5 g (12 days)", "5-15 g (16 days)")
    assert chart.table.rows[0][0] == "Nausea"
    assert all("95% CI" in cell for cell in chart.table.rows[0][1:])


def test_doses_without_a_leaf_equivalent_are_named_not_counted_as_grams():
    rows = (DoseRow(moment(START, 8), 4.0, 60.0, "Red powder"), DoseRow(moment(END, 8), None, 0.0, "7-OH tablets"))
    days = daily_series(PatientData("UTC", rows, ()), start=START, end=END)
    summary = outcome_chart(days).summary
    assert summary.startswith("1 Sep to 28 Sep 2026: doses on 2 of 28 days, on average 4 g leaf-equivalent on days "
                              "with leaf doses (most 4 g).")
    assert "1 dose of 7-OH products has no leaf equivalent and is not in the bars." in summary
