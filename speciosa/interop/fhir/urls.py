from django.urls import path

from speciosa.interop.fhir import views

app_name = "fhir"
urlpatterns = [
    path("StructureDefinition/<slug:name>", views.definition, name="definition"),
    path("", views.mine, name="mine"),
    path("download/", views.download, name="download"),
    path("import/", views.import_record, name="import"),
    path("patients/<int:patient_id>/download/", views.patient_download, name="patient_download"),
    path("patients/<int:patient_id>/import/", views.patient_import, name="patient_import"),
]
