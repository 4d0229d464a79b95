from django.urls import include, path

from speciosa.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("accounts/", include("speciosa.accounts.urls")),
    path("safety/", include("speciosa.safety.urls")),
    path("", include("speciosa.diary.urls")),
]
