from django.urls import path

from speciosa.instruments import views

app_name = "instruments"
urlpatterns = [
    path("", views.instrument_list, name="list"),
    path("results/", views.results, name="results"),
    path("support/", views.support, name="support"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/calendar/renew/", views.renew_calendar, name="renew_calendar"),
    path("calendar/<str:token>.ics", views.calendar, name="calendar"),
    path("patients/<int:patient_id>/", views.patient_results, name="patient_results"),
    path("<slug:instrument_id>/", views.answer, name="answer"),
]
