import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from speciosa.diary.models import Dose
from speciosa.testing import make_patient, make_powder

pytestmark = pytest.mark.django_db
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def _stored(dose: Dose) -> tuple:
    return (dose.patient.username, dose.product.name, float(dose.amount), dose.unit, dose.reason, dose.note,
            dose.leaf_equivalent_g, dose.mitragynine_mg, dose.mitragynine_basis)


def test_it_logs_a_dose_by_product_name_and_prints_it_normalised(speciosa):
    alice = make_patient("alice")
    make_powder(alice)
    at = (timezone.now() - dt.timedelta(hours=2)).astimezone(NEW_YORK).replace(second=0, microsecond=0)
    result = speciosa("log", "dose", "--user", "alice", "--product", "red VEIN powder", "--amount", "2.5",
                      "--unit", "g", "--at", at.isoformat(), "--reason", "pain", "--note", "with breakfast")
    assert result.exit_code == 0, result.output
    dose = Dose.objects.get()
    assert _stored(dose) == ("alice", "Red vein powder", 2.5, "g", "pain", "with breakfast", 2.5, 37.5, "lab")
    assert dose.taken_at == at
    assert result.stdout == (f"Logged 2.5 g of Red vein powder for alice at {at:%Y-%m-%d %H:%M} ({at.tzname()}): "
                             "2.5 g leaf-equivalent, 37.5 mg mitragynine (lab), 0.25 mg 7-OH (lab).\n")


def test_a_time_without_an_offset_is_read_in_the_patients_own_zone(speciosa):
    alice = make_patient("alice", time_zone="America/New_York")
    product = make_powder(alice)
    day = timezone.now().astimezone(NEW_YORK).date() - dt.timedelta(days=2)
    result = speciosa("log", "dose", "--user", "alice", "--product", str(product.pk), "--amount", "3",
                      "--unit", "g", "--at", f"{day.isoformat()}T08:30")
    assert result.exit_code == 0, result.output
    assert Dose.objects.get().taken_at == dt.datetime.combine(day, dt.time(8, 30), tzinfo=NEW_YORK)


def test_a_unit_that_does_not_fit_the_product_is_refused_naming_the_unit(speciosa):
    alice = make_patient("alice")
    make_powder(alice)
    result = speciosa("log", "dose", "--user", "alice", "--product", "Red vein powder", "--amount", "3",
                      "--unit", "ml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        3, "", "error: --unit: 'ml' does not fit form 'powder' (use g, mg)\n")
    assert Dose.objects.count() == 0


def test_an_amount_that_is_not_a_number_is_refused_naming_the_amount(speciosa):
    alice = make_patient("alice")
    make_powder(alice)
    result = speciosa("log", "dose", "--user", "alice", "--product", "Red vein powder", "--amount", "three",
                      "--unit", "g")
    assert (result.exit_code, result.stderr) == (3, "error: --amount: 'three' is not a number\n")


def test_a_time_in_the_future_is_refused_naming_the_at_option(speciosa):
    alice = make_patient("alice")
    make_powder(alice)
    later = (timezone.now() + dt.timedelta(days=1)).replace(microsecond=0)
    result = speciosa("log", "dose", "--user", "alice", "--product", "Red vein powder", "--amount", "3",
                      "--unit", "g", "--at", later.isoformat())
    assert (result.exit_code, result.stderr) == (3, f"error: --at: {later.isoformat()} is in the future\n")


def test_an_unknown_user_is_refused_naming_the_user(speciosa):
    result = speciosa("log", "dose", "--user", "zed", "--product", "1", "--amount", "3", "--unit", "g")
    assert (result.exit_code, result.stderr) == (3, "error: --user: no user named 'zed'\n")


def test_another_patients_product_is_not_found_even_by_its_id(speciosa, cast):
    charlie_product_id = str(cast.charlie_product.pk)
    result = speciosa("log", "dose", "--user", "alice", "--product", charlie_product_id, "--amount", "3",
                      "--unit", "g")
    assert (result.exit_code, result.stderr) == (
        3, f"error: --product: alice has no product '{charlie_product_id}'; "
           f"their products: Red vein powder (id {cast.alice_product.pk})\n")
    assert Dose.objects.filter(product=cast.charlie_product).count() == 1  # only charlie's own dose


def test_a_clinician_has_no_diary_to_log_into(speciosa, cast):
    result = speciosa("log", "dose", "--user", "bob", "--product", "1", "--amount", "3", "--unit", "g")
    assert (result.exit_code, result.stderr) == (
        3, "error: --user: bob is a clinician, not a patient; only patients keep a diary\n")


def test_a_time_with_an_offset_beyond_what_postgresql_takes_is_stored_as_its_instant(speciosa):
    alice = make_patient("alice")
    make_powder(alice)
    far = (timezone.now() - dt.timedelta(days=1)).astimezone(dt.timezone(dt.timedelta(hours=20, minutes=55)))
    far = far.replace(second=0, microsecond=0)
    result = speciosa("log", "dose", "--user", "alice", "--product", "Red vein powder", "--amount", "3",
                      "--unit", "g", "--at", far.isoformat())
    assert result.exit_code == 0, result.output
    assert Dose.objects.get().taken_at == far
