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

    def ready(self) -> None:
        from django.conf import settings
        from django.db.models.signals import post_delete, pre_delete

        from speciosa.audit.permits import end_unlink, permit_unlink

        # Deleting an account nulls its links in the audit log; the database allows that only with this permit.
        pre_delete.connect(permit_unlink, sender=settings.AUTH_USER_MODEL, dispatch_uid="audit-permit-unlink")
        post_delete.connect(end_unlink, sender=settings.AUTH_USER_MODEL, dispatch_uid="audit-end-unlink")
