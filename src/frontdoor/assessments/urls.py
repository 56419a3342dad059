from django.urls import path

from frontdoor.assessments import template_views, views

app_name = "assessments"
urlpatterns = [
    path("start/<int:pk>/", views.start, name="start"),  # pk: the referral (episode)
    path("<int:pk>/record/", views.record, name="record"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("<int:pk>/authorise/", views.authorise, name="authorise"),
    path("<int:pk>/print/", views.printable, name="print"),
    path("template/", template_views.template_page, name="template"),
    path("template/headings/<slug:key>/", template_views.heading_change, name="template_heading"),
    path("template/headings/<slug:key>/move/", template_views.heading_action, name="template_heading_action"),
]
