"""The patient's alerts as pages and API list them: in one status or all, most severe first, in a stable order."""

from __future__ import annotations

from typing import Literal

from django.db.models import QuerySet

from speciosa.accounts.models import User
from speciosa.safety.models import StoredAlert
from speciosa.safety.queries import alert_history, current_alerts

StatusFilter = Literal["current", "open", "acknowledged", "resolved", "all"]
# Most severe first, then the most recently seen; the code settles ties so a list reads the same on every request.
ORDER = ("rank", "-last_seen", "code", "-pk")


def alerts_with_status(patient: User, status: StatusFilter = "current") -> QuerySet[StoredAlert]:
    """``current``: open and acknowledged; ``open``, ``acknowledged`` or ``resolved``; or ``all``."""
    if status == "current":
        alerts = current_alerts(patient)
    else:
        alerts = alert_history(patient)
        if status != "all":
            alerts = alerts.filter(status=status)
    return alerts.order_by(*ORDER).select_related("acknowledged_by")
