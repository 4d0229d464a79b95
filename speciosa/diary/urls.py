from django.urls import path

from speciosa.diary.views import checkins, doses, labs, medications, more, products, profile, timeline, today

app_name = "diary"
urlpatterns = [
    path("", today.today, name="today"),
    path("quick-log/<int:product_id>/", today.quick_log_dose, name="quick_log"),
    path("doses/new/", doses.dose_new, name="dose_new"),
    path("doses/<int:pk>/", doses.dose_edit, name="dose_edit"),
    path("doses/<int:pk>/delete/", doses.dose_delete, name="dose_delete"),
    path("doses/<int:pk>/undo/", doses.dose_undo, name="dose_undo"),
    path("doses/<int:pk>/history/", doses.dose_history, name="dose_history"),
    path("timeline/", timeline.timeline_page, name="timeline"),
    path("products/", products.product_list, name="products"),
    path("products/new/", products.product_new, name="product_new"),
    path("products/<int:pk>/", products.product_edit, name="product_edit"),
    path("products/<int:pk>/delete/", products.product_delete, name="product_delete"),
    path("checkins/", checkins.checkin_list, name="checkins"),
    path("checkins/new/", checkins.checkin_new, name="checkin_new"),
    path("checkins/<int:pk>/", checkins.checkin_edit, name="checkin_edit"),
    path("checkins/<int:pk>/delete/", checkins.checkin_delete, name="checkin_delete"),
    path("medications/", medications.medication_list, name="medications"),
    path("medications/new/", medications.medication_new, name="medication_new"),
    path("medications/<int:pk>/", medications.medication_edit, name="medication_edit"),
    path("medications/<int:pk>/delete/", medications.medication_delete, name="medication_delete"),
    path("labs/", labs.lab_list, name="labs"),
    path("labs/new/", labs.lab_new, name="lab_new"),
    path("labs/<int:pk>/", labs.lab_edit, name="lab_edit"),
    path("labs/<int:pk>/delete/", labs.lab_delete, name="lab_delete"),
    path("profile/", profile.profile, name="profile"),
    path("more/", more.more, name="more"),
]
