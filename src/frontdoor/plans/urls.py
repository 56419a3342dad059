from django.urls import path

from frontdoor.plans import views

app_name = "plans"
urlpatterns = [
    path("start/<int:pk>/", views.start, name="start"),  # pk: the referral (episode)
    path("<int:pk>/send/", views.send, name="send"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/end/", views.end, name="end"),
]
