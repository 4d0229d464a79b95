from django.urls import path

from speciosa.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.my_plan, name="mine"),
    path("versions/<int:version_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("patients/<int:patient_id>/", views.patient_plan, name="patient"),
]
