from django.urls import path

from frontdoor.assessments import views

app_name = "assessments"
urlpatterns = [
    path("start/<int:pk>/", views.start, name="start"),  # pk: the referral (episode)
    path("<int:pk>/record/", views.record, name="record"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("<int:pk>/authorise/", views.authorise, name="authorise"),
    path("<int:pk>/print/", views.printable, name="print"),
]
