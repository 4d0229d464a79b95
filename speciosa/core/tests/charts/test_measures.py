"""Phone charts: one measure per chart, by day up to 45 days and by week beyond, each saying which way is better."""

import datetime as dt

from speciosa.core.analytics.inputs import CheckinRow, DoseRow, PatientData
from speciosa.core.analytics.series import daily_series
from speciosa.core.charts.measures import WEEKLY_AFTER_DAYS, dose_chart, rating_chart

START = dt.date(2026, 6, 1)


def moment(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def diary(days: int, *, rated_every: int = 1) -> PatientData:
    doses, checkins = [], []
    for offset in range(days):
        day = START + dt.timedelta(days=offset)
        doses.append(DoseRow(moment(day, 8), 4.0, 60.0, "Red powder"))
        if offset % rated_every == 0:
            checkins.append(CheckinRow(moment(day, 20), pain=7 - offset * 3 // days, mood=3 + offset * 4 // days))
    return PatientData("UTC", tuple(doses), tuple(checkins), ())


def series(days: int, **options):
    return daily_series(diary(days, **options), start=START, end=START + dt.timedelta(days=days - 1))


def test_up_to_45_days_each_day_is_a_point():
    chart = rating_chart(series(WEEKLY_AFTER_DAYS), measure="pain")
    assert (chart.table.headers, len(chart.table.rows)) == (("Day", "Pain"), WEEKLY_AFTER_DAYS)
    assert "by day" in chart.summary


def test_beyond_45_days_each_week_is_a_point():
    chart = rating_chart(series(90), measure="pain")  # 1 June 2026 is a Monday: 13 weeks less one day
    assert (chart.table.headers, len(chart.table.rows)) == (("Week of", "Pain"), 13)
    assert chart.table.rows[0] == ("1 Jun 2026", "7")
    assert "weekly averages" in chart.summary


def test_each_chart_holds_one_measure_and_says_which_way_is_better():
    pain, mood = rating_chart(series(30), measure="pain"), rating_chart(series(30), measure="mood")
    assert (pain.key, pain.table.headers[1], mood.key, mood.table.headers[1]) == ("pain", "Pain", "mood", "Mood")
    assert "lower is better" in pain.summary and "Mood" not in pain.svg()
    assert "higher is better" in mood.summary and "Pain" not in mood.svg()


def test_a_day_without_a_rating_breaks_the_line_and_shows_a_dash():
    chart = rating_chart(series(10, rated_every=2), measure="mood")
    assert [row[1] for row in chart.table.rows][:3] == ["3", "–", "3"]


def test_no_ratings_give_the_no_data_chart():
    data = PatientData("UTC", (DoseRow(moment(START, 8), 4.0, 60.0, "Red powder"),), (), ())
    chart = rating_chart(daily_series(data, start=START, end=START + dt.timedelta(days=6)), measure="pain")
    assert (chart.empty, chart.summary) == (True, "No data yet. No pain ratings in this period yet.")


def test_the_dose_chart_averages_each_week_and_draws_the_plan_limit():
    days = series(90)
    chart = dose_chart(days, limits={day.day: 8.0 for day in days})
    assert chart.table.headers == ("Week of", "Grams a day (average)")
    assert chart.table.rows[0] == ("1 Jun 2026", "4")
    assert "plan limit 8 g" in chart.svg()
