from django.db import models


class CareKind(models.TextChoices):
    """Non-drug care a plan sets goals for. Guidelines for chronic pain put these first, not after medicines."""

    PHYSICAL_THERAPY = "physical_therapy", "Physical therapy"
    EXERCISE = "exercise", "Exercise"
    PSYCHOLOGICAL_THERAPY = "psychological_therapy", "Psychological therapy"
    SLEEP = "sleep", "Sleep"
    MINDFULNESS = "mindfulness", "Mindfulness"
    OTHER = "other", "Other"


class Frequency(models.TextChoices):
    """How often a questionnaire in the plan's schedule is due (the words speciosa.core.instruments uses)."""

    DAILY = "daily", "Every day"
    WEEKLY = "weekly", "Every week"
    BIWEEKLY = "biweekly", "Every two weeks"
    MONTHLY = "monthly", "Every month"
