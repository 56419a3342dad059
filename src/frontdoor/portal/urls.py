from django.urls import path

from frontdoor.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("referrals/new/", views.referral_new, name="referral_new"),
    path("referrals/<int:pk>/", views.submission, name="submission"),
    path("drafts/<int:pk>/", views.draft, name="draft"),
    path("drafts/<int:pk>/delete/", views.draft_delete, name="draft_delete"),
    path("checks/<int:pk>/", views.check, name="check"),
    path("notifications/", views.notifications, name="notifications"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/child-protection/", views.protection_meetings, name="protection_meetings"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
]
