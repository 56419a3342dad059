from django.urls import path

from frontdoor.domestic_abuse import views

app_name = "domestic_abuse"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/marac/", views.marac, name="marac"),
    path("<int:pk>/marac/action/", views.marac_action, name="marac_action"),
    path("child/<int:pk>/school-told/", views.school_told, name="school_told"),
]
