from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "speciosa.interop"
    label = "interop"
    default_auto_field = "django.db.models.BigAutoField"
