from django.db import models


class Action(models.TextChoices):
    """What someone other than the patient did with the patient's data."""

    READ = "read", "Viewed"
    WRITE = "write", "Changed"
    EXPORT = "export", "Downloaded or printed"
    SHARE = "share", "Sharing changed"
    DELETE = "delete", "Deleted"
