from django.urls import path

from frontdoor.complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("children/<int:pk>/new/", views.complaint_new, name="new"),
    path("<int:pk>/", views.complaint_detail, name="detail"),
    path("<int:pk>/extend/", views.complaint_extend, name="extend"),
    path("<int:pk>/respond/", views.complaint_respond, name="respond"),
    path("<int:pk>/escalate/", views.complaint_escalate, name="escalate"),
    path("<int:pk>/learning/", views.learning_new, name="learning_new"),
    path("learning/<int:pk>/done/", views.learning_done, name="learning_done"),
]
