from django.urls import path

from speciosa.interop.redcap import views as redcap
from speciosa.interop.trackers import views as trackers

app_name = "interop"
urlpatterns = [
    path("import/csv/", trackers.import_csv, name="import_csv"),
    path("redcap/", redcap.redcap, name="redcap"),
    path("redcap/data-dictionary.csv", redcap.dictionary, name="redcap_dictionary"),
    path("redcap/my-records.csv", redcap.my_records, name="redcap_records"),
    path("redcap/patients/<int:patient_id>/records.csv", redcap.patient_records, name="patient_redcap_records"),
]
