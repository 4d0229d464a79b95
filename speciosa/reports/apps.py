from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "speciosa.reports"
    label = "reports"
    default_auto_field = "django.db.models.BigAutoField"
    # Links this app adds to the main navigation: (who sees it: "patient", "clinician", "researcher",
    # "admin" or "all"), the link text, the URL name). Read by speciosa.lib.nav.
    nav_items: list[tuple[str, str, str]] = [("patient", "Charts", "reports:charts")]

    def ready(self) -> None:
        from speciosa.lib.signals import patient_record_changed
        from speciosa.reports.chart_cache import renew_stamp
        from speciosa.reports.tasks import draw_after_commit

        patient_record_changed.connect(renew_stamp, dispatch_uid="speciosa.reports.renew_stamp")
        patient_record_changed.connect(draw_after_commit, dispatch_uid="speciosa.reports.draw_after_commit")
