"""The privacy archive holds every record, those sent with a client id (the offline queue) too: found by the live
fuzz run (a 500 once a dose carried its UUID)."""

import io
import json
import uuid
import zipfile

import pytest

from speciosa.diary.domain import record_dose
from speciosa.testing import committed

pytestmark = pytest.mark.django_db


def test_the_archive_of_a_patient_whose_records_carry_client_ids_downloads(cast):
    alice = cast.alice.user
    key = uuid.uuid4()
    with committed():
        record_dose(alice, product=cast.alice_product, amount=2, unit="g", by=alice, client_id=key)
    response = cast.alice.client.get("/api/v1/me/archive", headers=cast.alice.bearer())
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert str(key) in json.dumps(json.loads(archive.read("speciosa.json")))
