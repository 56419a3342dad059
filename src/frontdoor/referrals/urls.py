from django.urls import path

from frontdoor.referrals import views

app_name = "referrals"
urlpatterns = [
    path("<int:pk>/allocate/", views.allocate, name="allocate"),
    path("<int:pk>/visits/new/", views.visit_new, name="visit_new"),
    path("<int:pk>/close/", views.close, name="close"),
]
