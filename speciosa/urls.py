from django.urls import include, path

from speciosa.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("accounts/", include("speciosa.accounts.urls")),
    path("safety/", include("speciosa.safety.urls")),
    path("questionnaires/", include("speciosa.instruments.urls")),
    path("reports/", include("speciosa.reports.urls")),
    path("clinic/", include("speciosa.clinic.urls")),
    path("plans/", include("speciosa.plans.urls")),
    path("audit/", include("speciosa.audit.urls")),
    path("interop/", include("speciosa.interop.urls")),
    path("fhir/", include("speciosa.interop.fhir.urls")),
    path("", include("speciosa.pwa")),
    path("", include("speciosa.diary.urls")),
]

handler500 = "speciosa.lib.unavailable.server_error"  # 503 with Retry-After while the database is unreachable

