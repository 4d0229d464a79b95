from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "speciosa.audit"
    label = "audit"
    default_auto_field = "django.db.models.BigAutoField"
    # Links this app adds to the main navigation: (who sees it: "patient", "clinician", "researcher",
    # "admin" or "all"), the link text, the URL name). Read by speciosa.lib.nav.
    nav_items: list[tuple[str, str, str]] = [
        ("patient", "Who looked at my data", "audit:mine"),
        ("admin", "Audit log", "audit:all"),
    ]
