from django.urls import path

from frontdoor.retention import views

app_name = "retention"
urlpatterns = [path("due/", views.due, name="due")]
