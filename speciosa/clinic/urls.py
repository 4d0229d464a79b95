from django.urls import path

from speciosa.clinic.views import panel, patient, sharing

app_name = "clinic"
urlpatterns = [
    path("", panel.panel, name="panel"),
    path("patients/<int:patient_id>/", patient.patient_page, name="patient"),
    path("patients/<int:patient_id>/alerts/<int:alert_id>/", patient.alert_page, name="alert"),
    path("accept/", sharing.accept_page, name="accept"),
    path("sharing/", sharing.sharing_page, name="sharing"),
    path("sharing/new/", sharing.invite_page, name="invite"),
    path("sharing/<int:pk>/revoke/", sharing.revoke_page, name="revoke"),
]
