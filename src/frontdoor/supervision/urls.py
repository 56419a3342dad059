from django.urls import path

from frontdoor.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.team, name="team"),
    path("workers/<int:pk>/", views.worker, name="worker"),
    path("workers/<int:pk>/new/", views.supervision_new, name="new"),
    path("assistants/", views.assistant_cases, name="assistant_cases"),
    path("directions/", views.my_directions, name="my_directions"),
    path("directions/team/", views.team_directions, name="team_directions"),
    path("directions/<int:pk>/done/", views.direction_complete, name="direction_complete"),
    path("referrals/<int:pk>/direction/", views.direction_new, name="direction_new"),
]
