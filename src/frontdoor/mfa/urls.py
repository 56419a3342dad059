from django.urls import path

from frontdoor.mfa import views

app_name = "mfa"

urlpatterns = [
    path("set-up/", views.setup, name="setup"),
    path("verify/", views.verify, name="verify"),
]
