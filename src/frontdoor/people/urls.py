from django.urls import path

from frontdoor.people import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
]
