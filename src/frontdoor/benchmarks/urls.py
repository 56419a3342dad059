from django.urls import path

from frontdoor.benchmarks import views

app_name = "benchmarks"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:slug>/", views.measure, name="measure"),
]
