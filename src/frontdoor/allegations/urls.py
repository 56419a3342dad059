from django.urls import path

from frontdoor.allegations import views

app_name = "allegations"
urlpatterns = [
    path("", views.allegation_list, name="list"),
    path("new/", views.refer, name="new"),
    path("summary/", views.summary, name="summary"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/consideration/", views.consider, name="consider"),
    path("<int:pk>/parallel/", views.parallel, name="parallel"),
    path("<int:pk>/meeting/", views.meeting_new, name="meeting_new"),
    path("<int:pk>/outcome/", views.outcome, name="outcome"),
    path("<int:pk>/managers/", views.managers, name="managers"),
]
