from django.urls import path

from frontdoor.contacts import views

app_name = "contacts"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("daily-review/", views.daily_review, name="daily_review"),
    path("new/", views.new_children, name="new"),
    path("new/children/", views.new_children_change, name="new_children_change"),
    path("new/child/", views.new_child_create, name="new_child"),
    path("new/details/", views.new_details, name="new_details"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/checks/new/", views.check_request, name="check_request"),
    path("checks/<int:pk>/respond/", views.check_respond, name="check_respond"),
    path("children/<int:pk>/screen/", views.screen, name="screen"),
    path("children/<int:pk>/link/", views.link, name="link"),
    path("children/<int:pk>/decide/", views.decide, name="decide"),
    path("children/<int:pk>/decision/correct/", views.correct, name="correct"),
    path("children/<int:pk>/review/", views.review, name="review"),
    path("children/<int:pk>/feedback/", views.feedback, name="feedback"),
]
