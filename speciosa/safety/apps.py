from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "speciosa.safety"
    label = "safety"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from speciosa.diary.signals import patient_record_changed
        from speciosa.safety.receivers import reevaluate_on_change

        patient_record_changed.connect(reevaluate_on_change, dispatch_uid="speciosa.safety.reevaluate")
