"""A "lab" content basis is a certificate one can trace, never a name typed in: laboratory, test date and batch.

"Lab tested" silences PRODUCT_NOT_LAB_TESTED, so the domain refuses the basis without the certificate's details (the
pages, API and CLI all write through it), a lab figure without them is kept as "reported", and the safety snapshot
calls a product lab tested only on a complete certificate, whatever the stored basis says.
"""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from speciosa.core.errors import InputError
from speciosa.diary.domain.products import create_product, update_product
from speciosa.diary.models import Dose, Product
from speciosa.safety.snapshots import snapshot_data

pytestmark = pytest.mark.django_db

LAB_POWDER = {"name": "Certified powder", "form": "powder", "mitragynine_content": 15.0, "content_basis": "lab",
              "lab_name": "Example Labs", "lab_date": dt.date(2025, 6, 2), "lab_batch": "EL-0602"}
migration = importlib.import_module("speciosa.diary.migrations.0002_self_reported_lab_basis")


@pytest.mark.parametrize("missing", ["lab_name", "lab_date", "lab_batch"])
def test_a_lab_basis_without_the_certificates_details_is_refused(cast, missing):
    values = {**LAB_POWDER, missing: None if missing == "lab_date" else ""}
    with pytest.raises(InputError) as refused:
        create_product(cast.alice.user, by=cast.alice.user, **values)
    assert refused.value.field == missing
    assert "self-reported" in refused.value.message
    assert not Product.objects.filter(name="Certified powder").exists()


def test_an_edit_cannot_strip_the_certificate_from_a_lab_basis(cast):
    product = create_product(cast.alice.user, by=cast.alice.user, **LAB_POWDER)
    with pytest.raises(InputError) as refused:
        update_product(product, by=cast.alice.user, lab_batch="")
    assert refused.value.field == "lab_batch"


def test_the_api_refuses_a_made_up_lab_name_alone(cast):
    body = {"name": "Lab powder", "form": "powder", "mitragynine_content": 15, "content_basis": "lab",
            "lab_name": "Totally Real Labs"}
    response = cast.alice.client.post("/api/v1/products", body, content_type="application/json")
    assert response.status_code == 422
    assert "lab_date" in response.content.decode()


def test_a_self_reported_lab_figure_is_kept_but_not_lab_tested(cast):
    product = create_product(cast.alice.user, by=cast.alice.user, name="Vendor COA powder", form="powder",
                             mitragynine_content=15.0, content_basis="reported", lab_name="Vendor says")
    assert (product.content_basis, product.lab_tested) == ("reported", False)
    rows = {row["name"]: row["lab_tested"] for row in snapshot_data(cast.alice.user)["products"]}
    assert rows["Vendor COA powder"] is False


def test_the_snapshot_trusts_only_a_complete_certificate(cast):
    complete = create_product(cast.alice.user, by=cast.alice.user, **LAB_POWDER)
    partial = create_product(cast.alice.user, by=cast.alice.user, **{**LAB_POWDER, "name": "Name only"})
    Product.objects.filter(pk=partial.pk).update(lab_date=None, lab_batch="")  # a row from before the rule
    rows = {row["name"]: row["lab_tested"] for row in snapshot_data(cast.alice.user)["products"]}
    assert (rows[complete.name], rows[partial.name]) == (True, False)


def test_the_migration_relabels_uncertified_lab_rows_and_their_doses(cast):
    alice = cast.alice.user
    certified = create_product(alice, by=alice, **LAB_POWDER)
    old = create_product(alice, by=alice, **{**LAB_POWDER, "name": "Old lab claim"})
    Product.objects.filter(pk=old.pk).update(lab_date=None, lab_batch="")
    dose = Dose.objects.create(patient=alice, product=old, amount=2, unit="g", taken_at=dt.datetime.now(dt.UTC),
                               leaf_equivalent_g=2, mitragynine_mg=30, hydroxymitragynine_mg=0.2,
                               mitragynine_basis="lab", hydroxymitragynine_basis="default")
    migration.relabel_uncertified(apps, None)
    assert Product.objects.get(pk=old.pk).content_basis == "reported"
    assert Product.objects.get(pk=certified.pk).content_basis == "lab"
    dose.refresh_from_db()
    assert (dose.mitragynine_basis, dose.hydroxymitragynine_basis) == ("reported", "default")
    assert set(Dose.objects.filter(product=cast.alice_product).values_list("mitragynine_basis", flat=True)) == {"lab"}
