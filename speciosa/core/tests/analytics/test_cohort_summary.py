import pytest

from speciosa.core.analytics.immpact import cohort_summary

from .synthetic import diary, last_day, two_weeks_apart


def test_it_counts_patients_in_each_category():
    patients = [
        two_weeks_apart(8.0, 3.0), two_weeks_apart(8.0, 3.6),  # substantial
        two_weeks_apart(6.0, 3.6),  # moderate
        two_weeks_apart(5.0, 5.0), two_weeks_apart(5.0, 5.0), two_weeks_apart(5.0, 5.0),  # none
        two_weeks_apart(4.0, 6.0),  # worse
        diary([5.0] * 5),  # insufficient
    ]
    as_of = last_day(patients[0])
    summary = cohort_summary(iter(patients), as_of=as_of)
    assert summary.counts == {"substantial": 2, "moderate": 1, "minimal": 0, "none": 3, "worse": 1, "insufficient": 1}
    assert (summary.patients, summary.evaluable) == (8, 7)
    assert (summary.responders.count, summary.responders.n) == (3, 7)
    assert (summary.two_point.count, summary.two_point.n) == (3, 7)
    assert summary.proportions["none"].proportion == pytest.approx(3 / 8)
    assert summary.to_dict()["counts"] == summary.counts


def test_an_empty_cohort_has_no_proportions():
    summary = cohort_summary([], as_of=last_day(two_weeks_apart(5.0, 5.0)))
    assert (summary.patients, summary.responders.proportion, summary.proportions["none"].proportion) == (0, None, None)


def test_it_summarises_other_measures_without_the_two_point_rule():
    summary = cohort_summary([two_weeks_apart(5.0, 5.0)], as_of=last_day(two_weeks_apart(5.0, 5.0)),
                             measure="function")
    assert (summary.counts["insufficient"], summary.two_point) == (1, None)
