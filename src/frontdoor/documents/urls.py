from django.urls import path

from frontdoor.documents import views

app_name = "documents"
urlpatterns = [path("<int:pk>/download/", views.download, name="download")]
