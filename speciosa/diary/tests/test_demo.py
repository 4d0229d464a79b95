import datetime as dt
import statistics
import zoneinfo
from collections import defaultdict

import pytest
from django.db.models import Sum

from speciosa.accounts.models import User
from speciosa.core.errors import InputError
from speciosa.demo import DEMO_PASSWORD, load_demo
from speciosa.demo.cast import ARCHETYPES, cast
from speciosa.demo.history import simulate
from speciosa.demo.names import demo_name
from speciosa.diary.models import Checkin, Dose, LabResult, Medication, Product, Revision
from speciosa.diary.queries import favourites_of

TODAY = dt.date(2026, 6, 1)
SMALL = {"min_days": 30, "max_days": 40}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Argon2 is meant to be slow; these tests are about the demo's data, not the hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _history(number: int, **days):
    spec = cast(number, 2026)[number - 1]
    return spec, simulate(spec, seed=2026, min_days=days.get("min_days", 180), max_days=days.get("max_days", 540),
                          today=TODAY)


def _daily_leaf_g(spec, history) -> dict[dt.date, float]:
    zone = zoneinfo.ZoneInfo(spec.profile["time_zone"])
    totals: dict[dt.date, float] = defaultdict(float)
    for dose in history.doses:
        totals[dose.taken_at.astimezone(zone).date()] += dose.normalised.leaf_equivalent_g or 0.0
    return totals


def _totals() -> tuple:
    return (Dose.objects.count(), Checkin.objects.count(), LabResult.objects.count(), Medication.objects.count(),
            round(Dose.objects.aggregate(total=Sum("leaf_equivalent_g"))["total"], 3),
            Checkin.objects.aggregate(total=Sum("pain_now"))["total"],
            float(LabResult.objects.filter(code="ALT").aggregate(total=Sum("value"))["total"]))


def _wipe() -> None:
    Dose.objects.all().delete()  # doses protect their products, so they go first
    User.objects.all().delete()


@pytest.mark.django_db
def test_a_small_demo_stores_what_its_summary_counts_with_a_revision_for_each_record():
    summary = load_demo(patients=4, **SMALL)
    assert [login.username for login in summary.logins] == ["clinician", "patient01", "patient02", "patient03",
                                                            "patient04"]
    assert sorted(User.objects.values_list("username", "role")) == [
        ("clinician", "clinician"), ("patient01", "patient"), ("patient02", "patient"), ("patient03", "patient"),
        ("patient04", "patient")]
    assert (summary.already_loaded, summary.patients_created, summary.products, summary.doses, summary.checkins,
            summary.medications, summary.labs) == (
        False, 4, Product.objects.count(), Dose.objects.count(), Checkin.objects.count(),
        Medication.objects.count(), LabResult.objects.count())
    assert summary.doses > 4 * 30
    for record_type, model in (("dose", Dose), ("checkin", Checkin), ("labresult", LabResult)):
        assert Revision.objects.filter(record_type=record_type, action="create").count() == model.objects.count()
    assert User.objects.get(username="patient03").check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_each_demo_account_has_an_invented_name_of_its_own_and_the_sign_in_table_shows_it():
    summary = load_demo(patients=4, **SMALL)
    names = [user.get_full_name() for user in User.objects.filter(username__startswith="patient").order_by("pk")]
    assert len(names) == 4 and all(" " in name for name in names)
    assert len(set(names)) == 4
    assert names[0] == " ".join(demo_name(1, ARCHETYPES[0].profile["sex"]))
    assert User.objects.get(username="clinician").get_full_name() == "Elena Marsh"
    assert [login.name for login in summary.logins] == ["Elena Marsh", *names]


def test_demo_names_repeat_only_far_apart():
    for sex in ("female", "male", "unknown"):
        names = [demo_name(number, sex) for number in range(1, 131)]
        assert len(set(names)) == 130, sex


@pytest.mark.django_db
def test_patient01_keeps_a_favourite_leaf_powder_with_a_usual_dose_of_3_g_in_new_york():
    load_demo(patients=1, **SMALL)
    patient = User.objects.get(username="patient01")
    powder = favourites_of(patient).get(form="powder")
    assert (powder.name, float(powder.usual_amount), powder.usual_unit) == ("Red Bali powder", 3.0, "g")
    assert patient.profile.time_zone == "America/New_York"


@pytest.mark.django_db
def test_loading_again_adds_nothing_and_says_so():
    load_demo(patients=2, **SMALL)
    before = _totals()
    again = load_demo(patients=2, **SMALL)
    assert (again.already_loaded, again.patients_created, again.doses) == (True, 0, 0)
    assert (_totals(), User.objects.count()) == (before, 3)


@pytest.mark.django_db
def test_a_larger_demo_adds_only_the_patients_not_yet_there():
    load_demo(patients=1, **SMALL)
    summary = load_demo(patients=2, **SMALL)
    assert (summary.already_loaded, summary.patients_created) == (False, 1)
    assert User.objects.count() == 3


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_totals_and_another_seed_different_ones():
    load_demo(patients=2, seed=11, **SMALL)
    first = _totals()
    _wipe()
    load_demo(patients=2, seed=11, **SMALL)
    assert _totals() == first
    _wipe()
    load_demo(patients=2, seed=12, **SMALL)
    assert _totals() != first


@pytest.mark.django_db
def test_the_first_patients_show_liver_injury_pregnancy_and_a_7oh_product():
    load_demo(patients=4, **SMALL)
    liver = User.objects.get(username="patient02")
    last_draw = LabResult.objects.filter(patient=liver).latest("collected_at").collected_at
    times_uln = {lab.code: lab.times_uln for lab in LabResult.objects.filter(patient=liver, collected_at=last_draw)}
    assert times_uln["ALT"] >= 5 and times_uln["TBIL"] >= 2
    jaundiced = Checkin.objects.filter(patient=liver, side_effects__has_key="jaundice")
    assert jaundiced.count() >= 10
    assert User.objects.get(username="patient03").profile.pregnant is True
    seven_oh = Product.objects.get(patient__username="patient04", form="7oh_product")
    assert Dose.objects.filter(product=seven_oh, leaf_equivalent_g__isnull=True).count() > 30


@pytest.mark.django_db
@pytest.mark.parametrize(("options", "field"), [
    ({"patients": 0}, "patients"), ({"patients": 100}, "patients"), ({"patients": True}, "patients"),
    ({"min_days": 7}, "min_days"), ({"min_days": 60, "max_days": 30}, "max_days"), ({"seed": "x"}, "seed"),
])
def test_options_out_of_range_are_refused_naming_the_option(options, field):
    with pytest.raises(InputError) as caught:
        load_demo(**options)
    assert caught.value.field == field
    assert User.objects.count() == 0


def test_the_full_cast_is_varied_in_place_condition_and_medicines():
    specs = cast(25, 2026)
    assert [spec.username for spec in specs] == [f"patient{number:02d}" for number in range(1, 26)]
    assert len({spec.profile["time_zone"] for spec in specs}) >= 8
    assert len({spec.profile["jurisdiction"] for spec in specs}) >= 10
    assert {condition for spec in specs for condition in spec.profile["conditions"]} >= {
        "fibromyalgia", "chronic_low_back_pain", "arthritis", "neuropathic", "post_surgical"}
    medicines = {medication.name for spec in specs for medication in spec.medications}
    assert medicines >= {"Oxycodone", "Alprazolam", "Gabapentin", "Simvastatin", "Citalopram"}
    assert all(1 <= len(spec.products) <= 3 for spec in specs)
    forms = {product.values["form"] for spec in specs for product in spec.products}
    assert forms >= {"powder", "capsule", "tea", "liquid_extract", "shot", "powder_extract", "7oh_product"}


def test_a_patient_is_the_same_whatever_the_size_of_the_demo():
    assert cast(12, 5)[:12] == cast(40, 5)[:12]
    assert cast(12, 5)[11] != cast(12, 6)[11]
    spec = cast(12, 5)[11]
    assert simulate(spec, seed=5, min_days=30, max_days=60, today=TODAY) == \
        simulate(spec, seed=5, min_days=30, max_days=60, today=TODAY)


def test_histories_stay_in_range_and_end_yesterday_in_the_patients_own_zone():
    for spec in cast(25, 2026):
        history = simulate(spec, seed=2026, min_days=180, max_days=540, today=TODAY)
        zone = zoneinfo.ZoneInfo(spec.profile["time_zone"])
        assert 180 <= history.days <= 540
        dose_days = [dose.taken_at.astimezone(zone).date() for dose in history.doses]
        yesterday = TODAY - dt.timedelta(days=1)
        assert min(dose_days) >= history.first_day and yesterday - dt.timedelta(days=7) <= max(dose_days) <= yesterday
        assert max(checkin.at.astimezone(zone).date() for checkin in history.checkins) <= yesterday
        per_day = defaultdict(int)
        for day in dose_days:
            per_day[day] += 1
        low, high = spec.regimen.doses_per_day
        assert all(low <= count <= high for count in per_day.values()), spec.username
        assert all(0 <= value <= 10 for checkin in history.checkins for value in checkin.ratings.values())
        assert all(1 <= grade <= 3 for checkin in history.checkins
                   for grade in [*checkin.side_effects.values(), *checkin.withdrawal.values()])
        assert len(history.checkins) >= 0.5 * history.days
        assert {lab.code for lab in history.labs} >= {"ALT", "AST", "ALP", "TBIL", "GGT"}


def test_patient05s_last_four_weeks_average_a_quarter_more_than_the_four_before_with_pain_flat():
    spec, history = _history(5)
    daily = _daily_leaf_g(spec, history)
    weeks = lambda first_days_ago: [TODAY - dt.timedelta(days=first_days_ago + n) for n in range(28)]  # noqa: E731
    recent, before = weeks(1), weeks(29)
    assert statistics.mean(daily[d] for d in recent) >= 1.25 * statistics.mean(daily[d] for d in before)
    zone = zoneinfo.ZoneInfo(spec.profile["time_zone"])
    pain = defaultdict(list)
    for checkin in history.checkins:
        pain[checkin.at.astimezone(zone).date()].append(checkin.ratings["pain_now"])
    recent_pain = statistics.mean(p for d in recent for p in pain[d])
    earlier_pain = statistics.mean(p for d in before for p in pain[d])
    assert abs(recent_pain - earlier_pain) < 0.1 * earlier_pain


def test_patient08_has_taken_no_dose_for_four_days_and_reports_withdrawal():
    spec, history = _history(8)
    zone = zoneinfo.ZoneInfo(spec.profile["time_zone"])
    gap = [TODAY - dt.timedelta(days=days_ago) for days_ago in (4, 3, 2, 1)]
    dose_days = {dose.taken_at.astimezone(zone).date() for dose in history.doses}
    assert not dose_days & set(gap)
    assert TODAY - dt.timedelta(days=5) in dose_days
    withdrawal = {checkin.at.astimezone(zone).date(): checkin.withdrawal for checkin in history.checkins}
    assert all(withdrawal[day].get("craving", 0) >= 2 for day in gap[1:])
    assert not withdrawal.get(TODAY - dt.timedelta(days=30), {})


def test_patient09_takes_over_15_g_of_leaf_a_day():
    spec, history = _history(9)
    daily = _daily_leaf_g(spec, history)
    last_two_weeks = [daily[TODAY - dt.timedelta(days=n)] for n in range(1, 15)]
    assert statistics.mean(last_two_weeks) > 15


def test_the_cast_includes_a_seizure_disorder_and_a_jurisdiction_that_bans_kratom():
    assert [spec.number for spec in ARCHETYPES if "seizure_disorder" in spec.profile["comorbidities"]] == [6]
    assert [spec.number for spec in ARCHETYPES if spec.profile["jurisdiction"] == "US-AL"] == [7]
