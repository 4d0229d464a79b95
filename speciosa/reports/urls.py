from django.urls import path

from speciosa.reports import views

app_name = "reports"
urlpatterns = [
    path("charts/", views.charts, name="charts"),
    path("visit.pdf", views.visit_pdf, name="visit_pdf"),
    path("patients/<int:patient_id>/charts/", views.patient_charts, name="patient_charts"),
    path("patients/<int:patient_id>/visit.pdf", views.patient_visit_pdf, name="patient_visit_pdf"),
]
