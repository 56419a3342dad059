from django.urls import path

from frontdoor.workforce import views

app_name = "workforce"
urlpatterns = [
    path("", views.cope, name="cope"),
    path("teams/<int:team_id>/workers/", views.workers, name="workers"),
    path("vacancies/", views.vacancies, name="vacancies"),
    path("vacancies/new/", views.vacancy_new, name="vacancy_new"),
    path("vacancies/<int:pk>/close/", views.vacancy_close, name="vacancy_close"),
]
