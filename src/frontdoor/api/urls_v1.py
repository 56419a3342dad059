"""The operations of version 1, without the schema and docs pages (the schema describes these)."""

from django.urls import path

from frontdoor.api import views

urlpatterns = [
    path("api/v1/people/", views.PersonSearchView.as_view(), name="people"),
    path("api/v1/people/<int:pk>/", views.PersonDetailView.as_view(), name="person"),
    path("api/v1/contacts/", views.ContactListView.as_view(), name="contacts"),
    path("api/v1/contacts/<int:pk>/", views.ContactDetailView.as_view(), name="contact"),
    path("api/v1/contact-children/<int:pk>/decision/", views.DecisionCreateView.as_view(), name="decide"),
    path("api/v1/decisions/", views.DecisionListView.as_view(), name="decisions"),
    path("api/v1/referrals/", views.ReferralListView.as_view(), name="referrals"),
    path("api/v1/referrals/<int:pk>/", views.ReferralDetailView.as_view(), name="referral"),
    path("api/v1/oversight/board/", views.BoardView.as_view(), name="board"),
    path("api/v1/oversight/performance/", views.PerformanceView.as_view(), name="performance"),
]
