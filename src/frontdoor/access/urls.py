from django.urls import path

from frontdoor.access import views

app_name = "access"
urlpatterns = [
    path("restrictions/", views.restrictions, name="restrictions"),
    path("restrictions/<int:pk>/review/", views.restriction_review, name="restriction_review"),
    path("people/<int:pk>/restrict/", views.restrict, name="restrict"),
    path("people/<int:pk>/break-glass/", views.break_glass, name="break_glass"),
    path("people/<int:pk>/health/", views.health_mark, name="health_mark"),
    path("people/<int:pk>/subject-access/", views.subject_access, name="subject_access"),
]
