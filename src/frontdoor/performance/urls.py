from django.urls import path

from frontdoor.performance import views

app_name = "performance"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/children/", views.drilldown, name="drilldown"),
    path("<slug:slug>/trend/", views.trend, name="trend"),
]
