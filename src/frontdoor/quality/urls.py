from django.urls import path

from frontdoor.quality import note_views, views

app_name = "quality"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("programmes/", views.programmes, name="programmes"),
    path("templates/", views.templates, name="templates"),
    path("templates/new/", views.template_new, name="template_new"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("programmes/new/", views.programme_new, name="programme_new"),
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("programmes/<int:pk>/sample/", views.programme_sample, name="programme_sample"),
    path("audits/<int:pk>/", views.audit, name="audit"),
    path("audits/<int:pk>/grade/", views.grade, name="grade"),
    path("audits/<int:pk>/moderate/", views.moderate, name="moderate"),
    path("audits/<int:pk>/actions/new/", views.action_new, name="action_new"),
    path("audits/<int:pk>/re-audit/", views.re_audit, name="re_audit"),
    path("audits/<int:pk>/feedback/", views.feedback_new, name="feedback_new"),
    path("actions/", views.my_actions, name="my_actions"),
    path("actions/<int:pk>/complete/", views.action_complete, name="action_complete"),
    path("notes/", note_views.notes, name="notes"),
    path("notes/children/<int:pk>/new/", note_views.note_new, name="note_new"),
    path("notes/<int:pk>/", note_views.note, name="note"),
    path("notes/<int:pk>/acknowledge/", note_views.note_acknowledge, name="note_acknowledge"),
]
