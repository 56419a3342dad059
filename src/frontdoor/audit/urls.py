from django.urls import path

from frontdoor.audit import views

app_name = "audit"
urlpatterns = [
    path("people/<int:pk>/access/", views.person_access, name="person_access"),
]
