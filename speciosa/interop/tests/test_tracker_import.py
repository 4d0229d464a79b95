"""Importing CSV files from other trackers: presets, a column mapping, time zones, units, duplicates, skipped rows
and all-or-nothing commits."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from speciosa.core.errors import InputError
from speciosa.diary.models import Checkin, Dose, Product, Revision
from speciosa.interop.trackers.importer import commit_import, plan_import
from speciosa.interop.trackers.presets import ColumnMapping, unit_of
from speciosa.interop.trackers.reading import parse_date, parse_instant, read_table
from speciosa.safety.models import EvaluationState
from speciosa.testing import make_patient, make_powder

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC)

# The Kratom Tracker (github.com/BareTread/KratomTracker) header, byte-order mark first, as its exporter writes it.
KRATOM_TRACKER = (
    "\ufeffdate,time,iso_timestamp,strain_code,strain_name,amount_g,notes\r\n"
    "2026-03-01,08:30,2026-03-01T08:30:00.000,MD,Maeng Da,2.5,with breakfast\r\n"
    "2026-03-01,14:00,2026-03-01T19:00:00.000Z,MD,Maeng Da,2.0,\r\n"
    "2026-03-02,09:15,2026-03-02T09:15:00.000,RB,Red Bali,3.0,\"a note, with a comma\"\r\n"
    "2026-03-02,21:00,2026-03-02T21:00:00.000,RB,Red Bali,abc,\r\n"
    "2026-03-03,09:00,2026-03-03T09:00:00.000,RB,Red Bali,0,\r\n"
    "2026-03-04,09:00,2026-03-04T09:00:00.000,RB,Red Bali,3.0,\r\n"
    "2026-03-04,09:00,2026-03-04T09:00:00.000,RB,Red Bali,3.0,\r\n"
    "2027-01-01,09:00,2027-01-01T09:00:00.000,RB,Red Bali,3.0,\r\n"
)

BEARABLE = (
    "date,weekday,time of day,category,rating/amount,detail,notes\n"
    '"8th Mar 2026","Sunday","am","Mood","7","",""\n'
    '"8th Mar 2026","Sunday","am","Energy","2","","tired"\n'
    '"8th Mar 2026","Sunday","am","Symptom","2","Nausea (Moderate)",""\n'
    '"8th Mar 2026","Sunday","am","Symptom","4","Headache (Unbearable)",""\n'
    '"8th Mar 2026","Sunday","pm","Symptom","1","Neck pain (Mild)",""\n'
    '"8th Mar 2026","Sunday","pm","Sleep","7:30","Asleep 23:00 - 06:30",""\n'
    '"8th Mar 2026","Sunday","pm","Sleep quality","4","",""\n'
    '"9th Mar 2026","Monday","09:30","Mood","10","",""\n'
    '"9th Mar 2026","Monday","09:30","Factors","","Caffeine - A lot",""\n'
    '"31st Feb 2026","Monday","am","Mood","5","",""\n'
)


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def patient():
    return make_patient("pat")  # America/New_York


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(ZoneInfo("America/New_York")).strftime("%Y-%m-%d %H:%M")


def test_a_kratom_tracker_preview_lists_what_it_would_store_and_stores_nothing(patient):
    plan = plan_import(patient, KRATOM_TRACKER.encode(), preset_id="kratom-tracker")
    assert [(row.line, row.reason) for row in plan.skipped] == [
        (5, "the amount 'abc' is not a number of grams"),
        (6, "amount: must be greater than 0"),
        (8, "the same dose as line 7"),
        (9, "time: 2027-01-01T14:00:00+00:00 is in the future"),
    ]
    assert [(_local(dose.taken_at), float(dose.amount), dose.unit, dose.product.name) for dose in plan.doses] == [
        ("2026-03-01 08:30", 2.5, "g", "Maeng Da"),  # local: the patient's zone, New York (UTC-5 before 8 March)
        ("2026-03-01 14:00", 2.0, "g", "Maeng Da"),  # Z: that instant
        ("2026-03-02 09:15", 3.0, "g", "Red Bali"),
        ("2026-03-04 09:00", 3.0, "g", "Red Bali"),
    ]
    assert plan.new_products == ["Maeng Da", "Red Bali"]
    assert plan.doses[2].note == "a note, with a comma"
    assert (Dose.objects.count(), Product.objects.count(), Revision.objects.count()) == (0, 0, 0)


def test_committing_stores_the_plan_with_its_products_revisions_and_one_reevaluation_mark(patient):
    plan = commit_import(patient, KRATOM_TRACKER, by=patient, preset_id="kratom-tracker")
    assert plan.committed
    doses = list(Dose.objects.of(patient).order_by("taken_at").select_related("product"))
    assert [(float(dose.amount), dose.product.name, dose.leaf_equivalent_g) for dose in doses] == [
        (2.5, "Maeng Da", 2.5), (2.0, "Maeng Da", 2.0), (3.0, "Red Bali", 3.0), (3.0, "Red Bali", 3.0)]
    assert sorted(Product.objects.of(patient).values_list("name", "form")) == [("Maeng Da", "powder"),
                                                                             ("Red Bali", "powder")]
    assert Revision.objects.filter(patient=patient, record_type="dose", action="create").count() == 4
    assert EvaluationState.objects.get(patient=patient).pending_since is not None


def test_importing_the_same_file_again_adds_nothing(patient):
    commit_import(patient, KRATOM_TRACKER, by=patient, preset_id="kratom-tracker")
    again = commit_import(patient, KRATOM_TRACKER, by=patient, preset_id="kratom-tracker")
    assert (len(again.doses), again.new_products, again.duplicates) == (0, [], 5)
    assert [row.reason for row in again.skipped].count("already in your diary") == 5  # line 8 repeats line 7
    assert (Dose.objects.count(), Product.objects.count()) == (4, 2)


def test_a_strain_the_patient_already_keeps_is_that_product(patient):
    kept = make_powder(patient, name="maeng da ")
    plan = plan_import(patient, KRATOM_TRACKER, preset_id="kratom-tracker")
    assert plan.new_products == ["Red Bali"]
    assert [dose.product.pk for dose in plan.doses[:2]] == [kept.pk, kept.pk]
    # Its own lab-tested contents are used, not the default.
    assert plan.doses[0].mitragynine_mg == pytest.approx(2.5 * 15.0)


def test_a_failed_write_stores_nothing_at_all(patient, monkeypatch):
    from speciosa.diary.domain import bulk

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(bulk.Revision.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        commit_import(patient, KRATOM_TRACKER, by=patient, preset_id="kratom-tracker")
    assert (Dose.objects.count(), Product.objects.count(), Revision.objects.count()) == (0, 0, 0)


def test_bearable_readings_become_one_check_in_per_part_of_the_day(patient):
    plan = commit_import(patient, BEARABLE, by=patient, preset_id="bearable")
    assert [(row.line, row.reason) for row in plan.skipped] == [
        (6, "the symptom 'Neck pain (Mild)' has no place in a Speciosa check-in"),
        (7, "hours of sleep: Speciosa records how well you slept (0-10), not how long"),
        (10, "Bearable's 'Factors' entries are not imported (Speciosa's check-in has no place for them)"),
        (11, "the date '31st Feb 2026' is not one Speciosa can read"),
    ]
    checkins = list(Checkin.objects.of(patient).order_by("at"))
    got = [(_local(c.at), c.mood, c.energy, c.sleep_quality, c.side_effects, c.note) for c in checkins]
    assert got == [
        # mood on 1-10 (a 10 is in the file): 7 -> 7; energy 2 on 1-5 -> 2.5 -> 2; unbearable headache -> severe (3)
        ("2026-03-08 08:00", 7, 2, None, {"nausea": 2, "headache": 3}, "tired"),
        ("2026-03-08 19:00", None, None, 8, {}, ""),
        ("2026-03-09 09:30", 10, None, None, {}, ""),
    ]
    # New York moved its clocks at 2:00 that morning: 08:00 is 12:00 UTC, not 13:00.
    assert checkins[0].at == dt.datetime(2026, 3, 8, 12, tzinfo=dt.UTC)


def test_a_bearable_file_with_moods_up_to_five_is_read_on_one_to_five(patient):
    content = "date,weekday,time of day,category,rating/amount,detail,notes\n8th Mar 2026,Sun,am,Mood,4,,\n"
    plan = plan_import(patient, content, preset_id="bearable")
    assert [checkin.mood for checkin in plan.checkins] == [8]  # 4 of 1-5 -> 7.5 -> 8


def test_a_column_mapping_reads_any_dose_file_with_units_words_and_spoons_refused(patient):
    content = ("When;Grams;Unit;What\n"
               "2026-03-01 08:00;3;grams;Green Malay\n"
               "2026-03-01 12:00;2;capsules;Green Malay\n"
               "2026-03-01 20:00;1;tsp;Green Malay\n"
               "2026-03-02T08:00:00+01:00;2,5;g;Green Malay\n")
    mapping = ColumnMapping(kind="doses", columns={"taken_at": "When", "amount": "Grams", "unit": "Unit",
                                                   "product": "What"})
    plan = plan_import(patient, content, mapping=mapping)
    assert [(row.line, row.reason) for row in plan.skipped] == [
        (3, "unit: 'capsule' does not fit form 'powder' (use g, mg)"),
        (4, "'tsp' is a volume: Speciosa records powder in grams (a spoonful weighs 2 to 3.5 g depending on the "
            "powder), so this dose needs its weight"),
    ]
    assert [(dose.taken_at.isoformat(), float(dose.amount)) for dose in plan.doses] == [
        ("2026-03-01T13:00:00+00:00", 3.0), ("2026-03-02T07:00:00+00:00", 2.5)]


def test_a_column_mapping_spreads_a_one_to_five_scale_onto_zero_to_ten(patient):
    content = "date,time,pain,mood\n2026-03-01,08:00,5,1\n2026-03-02,08:00,6,3\n"
    mapping = ColumnMapping(kind="checkins", columns={"date": "date", "time": "time", "pain_now": "pain",
                                                      "mood": "mood"}, rating_scale=(1, 5))
    plan = plan_import(patient, content, mapping=mapping)
    assert [(c.pain_now, c.mood) for c in plan.checkins] == [(10, 0)]
    assert [(row.line, row.reason) for row in plan.skipped] == [(3, "pain now '6' is not a rating from 1 to 5")]


@pytest.mark.parametrize(("mapping", "field"), [
    (ColumnMapping(kind="doses", columns={"amount": "Grams"}), "mapping.taken_at"),
    (ColumnMapping(kind="doses", columns={"taken_at": "When", "amount": "Nope"}), "mapping.amount"),
    (ColumnMapping(kind="doses", columns={"taken_at": "When", "amount": "Grams"}, fixed={"unit": "g"}),
     "mapping.product"),
    (ColumnMapping(kind="meals", columns={}), "mapping.kind"),
])
def test_a_mapping_that_does_not_fit_the_file_is_refused_naming_the_field(patient, mapping, field):
    with pytest.raises(InputError) as refused:
        plan_import(patient, "When,Grams\n2026-03-01 08:00,3\n", mapping=mapping)
    assert refused.value.field == field


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"\xff\xfe\x00d", "is not UTF-8 text (byte 0 cannot be read); export it again as CSV (UTF-8)"),
    ("date,time\n2026-01-01,08:00\n", "is not a Kratom Tracker export: it needs the columns amount_g and "
                                      "iso_timestamp (or date and time)"),
])
def test_a_file_that_cannot_be_read_is_refused_as_a_whole(patient, content, message):
    with pytest.raises(InputError) as refused:
        plan_import(patient, content, preset_id="kratom-tracker")
    assert (refused.value.field, refused.value.message) == ("file", message)


def test_dates_and_units_as_other_apps_write_them():
    assert [parse_date(text) for text in ("8th Dec 2021", "1st March 2024", "2026-02-30", "03/04/2026")] == [
        dt.date(2021, 12, 8), dt.date(2024, 3, 1), None, None]
    assert [unit_of(text) for text in ("Grams", "caps", "mL", "tablets")] == ["g", "capsule", "ml", "tablet"]
    assert read_table("a;b\n1;2\n").rows == ((2, {"a": "1", "b": "2"}),)


_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r\n"), max_size=12)


@given(rows=st.lists(st.tuples(_cell, _cell, _cell), min_size=1, max_size=8))
def test_any_table_a_spreadsheet_writes_is_read_back_cell_for_cell(rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["when", "what", "how much"])
    writer.writerows(rows)
    table = read_table(out.getvalue().encode("utf-8-sig"))
    kept = [row for row in rows if any(cell.strip() for cell in row)]  # blank rows are not rows
    assert [tuple(found.values()) for _, found in table.rows] == [tuple(cell.strip() for cell in row) for row in kept]


@given(moment=st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2030, 12, 31)),
       zone=st.sampled_from(["America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe"]))
def test_a_wall_clock_time_without_an_offset_is_read_in_the_patients_zone(moment, zone):
    moment = moment.replace(microsecond=0)
    found = parse_instant(moment.isoformat(), ZoneInfo(zone))
    assert found is not None and found.tzinfo is not None
    assert found.astimezone(ZoneInfo(zone)).replace(tzinfo=None) == moment or (
        moment.replace(tzinfo=ZoneInfo(zone)).astimezone(dt.UTC).astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        != moment)  # a time the clocks skip over does not exist there; any instant near it is acceptable
