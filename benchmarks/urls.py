"""The app's URLs plus `bench/floor`, so the API and the floor run in one server on one database."""

from django.urls import path

from benchmarks.floor import floor
from speciosa.urls import handler500  # noqa: F401 (the app's 503 while the database is down, as in production)
from speciosa.urls import urlpatterns as app_urlpatterns

urlpatterns = [path("bench/floor", floor), *app_urlpatterns]
