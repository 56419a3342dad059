from django.urls import path

from frontdoor.identity import views

app_name = "identity"
urlpatterns = [
    path("duplicates/", views.register, name="register"),
    path("duplicates/<int:pk>/", views.pair, name="pair"),
    path("merges/<int:pk>/undo/", views.unmerge, name="unmerge"),
]
