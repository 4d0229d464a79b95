from django.urls import path

from speciosa.safety import views

app_name = "safety"
urlpatterns = [
    path("alerts/", views.alert_list, name="alerts"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert_detail"),
    path("rules/", views.rules_page, name="rules"),
    path("rules/all/", views.rule_document, name="rule_document"),
    path("evidence/", views.evidence_list, name="evidence"),
    path("evidence/<slug:entry_id>/", views.evidence_detail, name="evidence_detail"),
]
