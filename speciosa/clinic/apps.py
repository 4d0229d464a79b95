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
