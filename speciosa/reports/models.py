from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class RecordStamp(models.Model):
    """A new random value each time anything in a patient's record changes (set by the record-changed signal).

    Rendered charts are cached under it (speciosa.reports.chart_cache): a change gives a new stamp, so no chart drawn
    from the old record is read again, in any process. Random rather than a counter, so a test database that reuses
    a patient's id never meets an old entry.
    """

    patient = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
                                   related_name="+")
    stamp = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return f"record stamp of patient {self.patient_id}"
