from django.urls import path

from frontdoor.oversight import views

app_name = "oversight"
urlpatterns = [
    path("", views.board, name="board"),
    path("live/", views.board_live, name="board_live"),
]
