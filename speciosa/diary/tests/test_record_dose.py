import datetime as dt

import pytest
from django.utils import timezone

from speciosa.accounts.queries import today_of
from speciosa.core.errors import InputError
from speciosa.diary.domain import delete_dose, quick_log, record_dose, update_dose
from speciosa.diary.models import Dose, Revision
from speciosa.diary.queries import day_totals
from speciosa.testing import make_patient, make_powder

pytestmark = pytest.mark.django_db


def test_it_stores_the_normalised_dose():
    alice = make_patient("alice")
    product = make_powder(alice)
    dose = record_dose(alice, product=product, amount=3, unit="g", by=alice)
    stored = Dose.objects.get(pk=dose.pk)
    assert (stored.leaf_equivalent_g, stored.mitragynine_mg, stored.mitragynine_basis) == (3.0, 45.0, "lab")


def test_quick_log_takes_the_favourites_usual_dose_and_counts_in_today():
    alice = make_patient("alice")
    product = make_powder(alice, usual_amount=2, usual_unit="g")
    quick_log(alice, product=product, by=alice)
    totals = day_totals(alice, today_of(alice))
    assert (totals.doses, totals.leaf_equivalent_g) == (1, 2.0)


def test_it_rejects_a_dose_in_the_future():
    alice = make_patient("alice")
    with pytest.raises(InputError) as caught:
        record_dose(alice, product=make_powder(alice), amount=3, unit="g",
                    taken_at=timezone.now() + dt.timedelta(days=2), by=alice)
    assert caught.value.field == "taken_at"
    assert Dose.objects.count() == 0


def test_it_refuses_another_patients_product_as_not_found():
    alice, charlie = make_patient("alice"), make_patient("charlie")
    with pytest.raises(InputError) as caught:
        record_dose(alice, product=make_powder(charlie).pk, amount=3, unit="g", by=alice)
    assert caught.value.field == "product"
    assert Dose.objects.count() == 0


def test_edits_and_deletions_keep_their_history():
    alice = make_patient("alice")
    dose = record_dose(alice, product=make_powder(alice), amount=3, unit="g", by=alice)
    update_dose(dose, amount=4, by=alice)
    delete_dose(Dose.objects.get(pk=dose.pk), by=alice)
    trail = list(Revision.objects.filter(record_type="dose", record_id=dose.pk).values_list("action", flat=True))
    assert trail == ["create", "update", "delete"]
    update = Revision.objects.get(record_id=dose.pk, action="update")
    assert (update.before["amount"], update.after["amount"], update.changed_by) == (3.0, 4.0, alice)
    assert Dose.objects.of(alice).count() == 0


def test_days_are_counted_in_the_patients_time_zone():
    # 03:00 UTC on 20 Nov is still 19 Nov in New York: it belongs to the 19th's total.
    alice = make_patient("alice", time_zone="America/New_York")
    product = make_powder(alice)
    record_dose(alice, product=product, amount=3, unit="g",
                taken_at=dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC), by=alice)
    assert day_totals(alice, dt.date(2026, 11, 19)).doses == 1
    assert day_totals(alice, dt.date(2026, 11, 20)).doses == 0


@pytest.mark.parametrize("product", [0, -1, 2**63, 2**70])
def test_a_product_id_out_of_range_is_not_found_and_nothing_is_stored(product):
    alice = make_patient("alice")
    with pytest.raises(InputError) as caught:
        record_dose(alice, product=product, amount=3, unit="g", by=alice)
    assert caught.value.field == "product" and "no product" in caught.value.message
    assert Dose.objects.count() == 0
