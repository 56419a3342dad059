from django.urls import path

from frontdoor.drift import views

app_name = "drift"
urlpatterns = [
    path("", views.drift_list, name="list"),
    path("panels/", views.panels, name="panels"),
    path("panels/new/", views.panel_new, name="panel_new"),
    path("panels/<int:pk>/", views.panel, name="panel"),
    path("panels/<int:pk>/decide/", views.decide, name="decide"),
    path("changes/", views.changes, name="changes"),
]
