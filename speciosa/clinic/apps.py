from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "speciosa.clinic"
    label = "clinic"
    default_auto_field = "django.db.models.BigAutoField"
    # Links this app adds to the main navigation: (who sees it: "patient", "clinician", "researcher",
    # "admin" or "all"), the link text, the URL name). Read by speciosa.lib.nav.
    nav_items: list[tuple[str, str, str]] = [
        ("clinician", "Panel", "clinic:panel"),
        ("patient", "Sharing", "clinic:sharing"),
    ]

    def ready(self) -> None:
        from speciosa.clinic.notifications import notify_on_urgent_alert
        from speciosa.safety.signals import alert_opened

        alert_opened.connect(notify_on_urgent_alert, dispatch_uid="speciosa.clinic.notify_on_urgent_alert")
