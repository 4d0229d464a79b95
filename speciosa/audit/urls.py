from django.urls import path

from speciosa.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.my_entries, name="mine"),
    path("export.csv", views.my_entries_csv, name="mine_csv"),
    path("all/", views.all_entries_page, name="all"),
    path("all/export.csv", views.all_entries_csv, name="all_csv"),
]
