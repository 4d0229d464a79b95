
app_name = "diary"
urlpatterns: list = []
