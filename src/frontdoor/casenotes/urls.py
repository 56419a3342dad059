from django.urls import path

from frontdoor.casenotes import document_views, views

app_name = "casenotes"
urlpatterns = [
    path("child/<int:pk>/", views.child_notes, name="child"),
    path("child/<int:pk>/new/", views.note_new, name="new"),
    path("child/<int:pk>/documents/", document_views.child_documents, name="documents"),
    path("child/<int:pk>/documents/new/", document_views.child_document_new, name="document_new"),
    path("<int:pk>/", views.note_detail, name="note"),
    path("<int:pk>/correct/", views.note_correct, name="correct"),
    path("<int:pk>/documents/new/", document_views.note_document_new, name="note_document_new"),
]
