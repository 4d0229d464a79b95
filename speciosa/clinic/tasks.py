"""The clinic app's periodic task: recording and telling the end of shares past their end date (what `speciosa
end-shares` does, every 15 minutes)."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from speciosa.clinic.endings import EndRun
from speciosa.clinic.endings import end_expired_shares as end_shares_now


@db_periodic_task(crontab(minute="*/15"))
@lock_task("speciosa-share-ends")
def end_expired_shares() -> EndRun:
    """Each share is recorded (and its e-mails sent) by one run only, so a late or repeated run is safe."""
    return end_shares_now(timezone.now())
