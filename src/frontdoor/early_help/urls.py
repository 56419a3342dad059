from django.urls import path

from frontdoor.early_help import views

app_name = "early_help"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("partnership/", views.partnership, name="partnership"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/lead/", views.lead, name="lead"),
    path("<int:pk>/assessment/", views.assessment, name="assessment"),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/step-up/", views.step_up, name="step_up"),
]
