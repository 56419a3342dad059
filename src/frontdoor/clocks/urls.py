from django.urls import path

from frontdoor.clocks import views

app_name = "clocks"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("holidays/<int:pk>/remove/", views.holiday_remove, name="holiday_remove"),
]
