from django.db import models


class AlertSeverity(models.TextChoices):
    INFO = "info", "Info"
    WARNING = "warning", "Warning"
    URGENT = "urgent", "Urgent"

    @classmethod
    def actionable(cls) -> list[str]:
        return [cls.WARNING, cls.URGENT]


class AlertStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Resolved"

    @classmethod
    def current(cls) -> list[str]:
        return [cls.OPEN, cls.ACKNOWLEDGED]
