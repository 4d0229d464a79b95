from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "speciosa.safety"
    label = "safety"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core import checks

        from speciosa.lib.signals import patient_record_changed
        from speciosa.safety.checks import rule_registry
        from speciosa.safety.notifications import notify_on_urgent_alert
        from speciosa.safety.receivers import reevaluate_on_change
        from speciosa.safety.signals import alert_opened

        patient_record_changed.connect(reevaluate_on_change, dispatch_uid="speciosa.safety.reevaluate")
        alert_opened.connect(notify_on_urgent_alert, dispatch_uid="speciosa.safety.notify_on_urgent_alert")
        checks.register(rule_registry, "speciosa")
