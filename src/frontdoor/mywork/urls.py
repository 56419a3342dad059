from django.urls import path

from frontdoor.mywork import views

app_name = "mywork"
urlpatterns = [
    path("", views.home, name="home"),
    path("warnings/", views.lead_time, name="lead_time"),
]
