from django.urls import path

from frontdoor.returns import views

app_name = "returns"
urlpatterns = [
    path("", views.index, name="index"),
    path("cin-census/", views.census_generate, name="census_generate"),
    path("annex-a/", views.annex_a_generate, name="annex_a_generate"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/download/", views.download, name="download"),
]
